using StockLakehouse.Core.Lake;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// What gold last did for a symbol: the fingerprint of the inputs it computed from (null: unknown, so the next run
/// recomputes), the partitions' files as the store lists them once written, with their sizes and fingerprints (a file damaged or replaced
/// since no longer lists so, and is recomputed) — each fact table's file and, from <see cref="TailFrom"/> on, its tail —
/// the newest trade date (dim_date reaches it) and its rejects.
/// </summary>
public sealed record GoldPartitionState(string? Fingerprint, IReadOnlyList<ObjectInfo> Partitions, DateOnly? LastDate, IReadOnlyList<QuarantineRecord> Rejects)
{
    /// <summary>
    /// Where the partitions differ from those of the previous computation, when gold knows it (a new bar or a late
    /// correction with no corporate action at or after it); null: anywhere.
    /// </summary>
    public GoldChange? Change { get; init; }

    /// <summary>What the partitions were computed from, for the next run's <see cref="GoldChangeRule"/>; null: unknown.</summary>
    public GoldInputs? Inputs { get; init; }

    /// <summary>
    /// The first trade date of the partitions' tails (<see cref="LakeLayout.TailFileName"/>, one per fact table, listed in
    /// <see cref="Partitions"/>): every row of each table's file is older. Null when each partition is one file.
    /// </summary>
    public DateOnly? TailFrom { get; init; }

    /// <summary>
    /// What a computation of the rows from <see cref="TailFrom"/> on needs of the rows before it, so a day that changes
    /// only the tails reads only silver's tail (<see cref="GoldResume"/>); null: none kept (the rows before
    /// <see cref="TailFrom"/> are too few, or the partitions are one file each).
    /// </summary>
    public GoldResume? Resume { get; init; }
}
