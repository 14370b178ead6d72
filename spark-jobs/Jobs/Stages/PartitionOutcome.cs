using StockLakehouse.Core.Lake;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// What one step of a stage did — one symbol's partition, or a step over the whole lake such as gold's dimensions
/// (<see cref="Symbol"/> null): rows in and out, the lake objects it replaced, its rejects in quarantine order, the
/// newest trade date it wrote (gold extends dim_date to it) and how long it took. The local runner sums these into
/// its <see cref="StageReport"/>; the Spark host's tasks send them to the driver as one summary row each.
/// </summary>
public sealed record PartitionOutcome(
    string? Symbol,
    long RowsIn,
    long RowsOut,
    IReadOnlyList<string> Written,
    IReadOnlyList<QuarantineRecord> Rejects,
    DateOnly? LastDate,
    long DurationMs)
{
    /// <summary>Whether gold computed the symbol's tails alone from the state it kept of the rows before them (<see cref="GoldResume"/>).</summary>
    public bool Resumed { get; init; }
}
