namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// How the partitions gold just wrote for a symbol differ from the ones it wrote before: only in rows whose trade date
/// is on or after <see cref="Since"/>; the rows before it are the same, bit for bit. <see cref="From"/> is the input
/// fingerprint (<see cref="GoldPartitionState.Fingerprint"/>) of that earlier computation, so a reader that holds the
/// earlier partitions — the warehouse, which recorded <c>gold:&lt;From&gt;</c> when it loaded them — can merge the
/// rows from <see cref="Since"/> on alone. A reader holding anything else reads the whole partition.
/// </summary>
public sealed record GoldChange(string From, DateOnly Since)
{
    /// <summary>
    /// Where the new partitions' rows from a date on or before <see cref="Since"/> can also be read, without the
    /// partitions' earlier rows: the run's change files (<see cref="GoldChangeRows"/>); null when gold kept none.
    /// </summary>
    public GoldChangeRows? Rows { get; init; }
}
