using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;
using StockLakehouse.Jobs.Silver;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// A symbol's gold partition files as the lake lists them, against what its <see cref="GoldPartitionState"/> recorded,
/// and what a computation writes of them. Like silver's, each fact partition may be its file and a tail
/// (<see cref="LakeLayout.TailFileName"/>) holding the rows from <see cref="GoldPartitionState.TailFrom"/> on: when
/// <see cref="GoldChangeRule"/> bounds the change at or after that date, every row before it comes out bit for bit as
/// the files hold it, so only the tails are written (<see cref="Plan"/>).
/// </summary>
internal sealed class GoldFiles
{
    /// <summary>
    /// The most rows a tail written alone may hold (as <see cref="SilverStage.MaxTailRows"/>): past it the partition's
    /// file is written again and the tail restarts at the first changed row, so a day costs a tail's rows while a
    /// partition's file is rewritten about twice a year.
    /// </summary>
    public const int MaxTailRows = SilverStage.MaxTailRows;

    /// <summary>Files not listed (the Spark host's task): nothing is kept, and tails are deleted before a write.</summary>
    public static GoldFiles Unlisted { get; } = new(null, tailsListed: true);

    private GoldFiles(GoldPartitionState? kept, bool tailsListed)
    {
        Kept = kept;
        TailsListed = tailsListed;
    }

    /// <param name="tables">The fact tables, in the order gold writes them.</param>
    /// <param name="listing">The gold partition files the lake holds, by key (<see cref="GoldStage.GoldPartitionsAsync"/>).</param>
    /// <param name="state">The symbol's state; null: none.</param>
    public GoldFiles(Symbol symbol, IReadOnlyList<TableSchema> tables, IReadOnlyDictionary<string, ObjectInfo> listing, GoldPartitionState? state)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(listing);
        var tails = tables.Select(t => LakeLayout.PartitionTail(t, symbol.Value)).ToArray();
        TailsListed = tails.Any(listing.ContainsKey);
        // Every file the state names is listed as written, and no tail it does not name is (one left by hand, or by a
        // run stopped between deleting and writing): a reader of the partition reads exactly the files the state describes.
        // A state that names no file (a symbol gold rejected) describes none of the symbol's files, which stay as they were.
        Kept = state is not null
            && state.Partitions.All(p => listing.TryGetValue(p.Key, out var listed) && listed == p)
            && (state.Partitions.Count == 0 || tails.All(t => !listing.ContainsKey(t) || state.Partitions.Any(p => p.Key == t)))
            ? state
            : null;
    }

    /// <summary>The state, when the lake lists exactly the files it names as it wrote them; else null.</summary>
    public GoldPartitionState? Kept { get; }

    /// <summary>Whether the lake lists a tail of the symbol's partitions (unknown for <see cref="Unlisted"/>: true).</summary>
    public bool TailsListed { get; }

    /// <summary>The files of <see cref="Kept"/> a tail written alone keeps: each table's file, not its tail.</summary>
    public IReadOnlyList<ObjectInfo> KeptFiles =>
        Kept?.Partitions.Where(p => LakeLayout.FileOfTail(p.Key) is null).ToArray() ?? [];

    /// <summary>
    /// How a computation over <paramref name="bars"/> (one gold row each) is written, given its
    /// <paramref name="change"/> from the kept files' computation; null: each partition as one file. With kept tails whose
    /// first date is no later than the change's, the tails alone from that date on, while they stay within
    /// <see cref="MaxTailRows"/>; otherwise, when the change is bounded, each file with the rows before
    /// <paramref name="tailStart"/> (no later than the change's first date) and a tail with the rest, so that the next
    /// days write the tails alone. An unbounded change (a whole computation, null) is split at <paramref name="tailStart"/>
    /// when given one (where silver's tail starts: the next days' changes start in it), and written whole otherwise.
    /// </summary>
    public GoldTailPlan? Plan(GoldChange? change, DailyBarSeries bars, DateOnly? tailStart)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (change is null)
        {
            return tailStart is { } start ? Cut(bars, bars.FirstOnOrAfter(start)) : null;
        }

        if (Kept is null)
        {
            return null;
        }

        if (Kept.TailFrom is { } from && from <= change.Since)
        {
            var tail = bars.FirstOnOrAfter(from);
            if (tail > 0 && bars.Count - tail <= MaxTailRows)
            {
                return new GoldTailPlan(tail, Alone: true);
            }
        }

        return Cut(bars, bars.FirstOnOrAfter(tailStart is { } first && first < change.Since ? first : change.Since));
    }

    private static GoldTailPlan? Cut(DailyBarSeries bars, int cut) => cut > 0 && cut < bars.Count ? new GoldTailPlan(cut, Alone: false) : null;

    /// <summary>
    /// The files to write for <paramref name="partitions"/> (one row per bar each, in date order) under
    /// <paramref name="plan"/>: each partition whole when null; else its tail from the plan's cut on, after the rows
    /// before it as the partition's file unless the tail is written alone.
    /// </summary>
    public static IReadOnlyList<(string Key, TableSchema Table, RecordBatch Batch)> Split(
        Symbol symbol,
        IReadOnlyList<(TableSchema Table, string? PartitionValue, RecordBatch Batch)> partitions,
        GoldTailPlan? plan)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        if (plan is null)
        {
            return partitions.Select(p => (LakeLayout.Partition(p.Table, p.PartitionValue), p.Table, p.Batch)).ToArray();
        }

        var files = new List<(string Key, TableSchema Table, RecordBatch Batch)>();
        if (!plan.Alone)
        {
            files.AddRange(partitions.Select(p => (LakeLayout.Partition(p.Table, symbol.Value), p.Table, Rows(p.Batch, 0, plan.Cut))));
        }

        files.AddRange(partitions.Select(p => (LakeLayout.PartitionTail(p.Table, symbol.Value), p.Table, Rows(p.Batch, plan.Cut, p.Batch.RowCount))));
        return files;
    }

    private static RecordBatch Rows(RecordBatch batch, int from, int to) => RecordBatchRows.Slice(batch, from, to - from);
}

/// <summary>
/// How gold writes a symbol's fact partitions: a tail holding every row from index <see cref="Cut"/> on, alone
/// (<see cref="Alone"/>: the files keep the rows before it) or after a file holding the rows before it.
/// </summary>
internal sealed record GoldTailPlan(int Cut, bool Alone);
