using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Warehouse;

/// <summary>
/// Fingerprints of a table's partition files known without reading the files: a writer's own record of what it wrote,
/// given only for files still listed exactly as it recorded them. A fingerprint given must change whenever the file's
/// bytes do (<see cref="Core.Warehouse.LoadPartitionsSql"/>); a partition left out is hashed instead
/// (<see cref="PartitionFingerprint"/>). A change given (<see cref="KnownPartition.Change"/>) must be true of the file's
/// rows: a load trusts it and leaves the rows before its date as they are.
/// </summary>
public interface IPartitionFingerprintSource
{
    /// <summary>What is known of <paramref name="table"/>'s partition files, by partition value.</summary>
    Task<IReadOnlyDictionary<string, KnownPartition>> KnownAsync(TableSchema table, CancellationToken cancellationToken);
}
