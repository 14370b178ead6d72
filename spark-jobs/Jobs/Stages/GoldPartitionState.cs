using StockLakehouse.Core.Lake;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// What gold last did for a symbol: the fingerprint of the inputs it computed from (null: unknown, so the next run
/// recomputes), the partitions it wrote as the store lists them once written, with their sizes and fingerprints (a file damaged or replaced
/// since no longer lists so, and is recomputed), the newest trade date (dim_date reaches it) and its rejects.
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
}
