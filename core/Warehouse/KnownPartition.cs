namespace StockLakehouse.Core.Warehouse;

/// <summary>
/// What a partition file's writer recorded about it (<see cref="IPartitionFingerprintSource"/>): its fingerprint, and,
/// when the writer knows it, how it differs from the file it replaced (<see cref="Change"/>).
/// </summary>
/// <param name="Fingerprint">A fingerprint that changes whenever the file's bytes do.</param>
/// <param name="Change">Where the file differs from an earlier one; null: anywhere, or unknown.</param>
public sealed record KnownPartition(string Fingerprint, PartitionChange? Change = null)
{
    /// <summary>
    /// The first date of the partition's tail (<see cref="Lake.LakeLayout.PartitionTail"/>) when it has one: the tail holds
    /// each of the partition's rows dated on or after it, and the partition's file only older ones, so a load bounded on
    /// or after it can stage the tail alone. Null: one file, or unknown.
    /// </summary>
    public DateOnly? TailFrom { get; init; }
}
