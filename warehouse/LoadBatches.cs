using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Warehouse;

/// <summary>
/// How the changed partitions of a non-empty table are split into transactions. A partition whose file is known to
/// differ only from a date on (<see cref="PartitionChange"/>) from the file the warehouse recorded loading
/// (<see cref="PartitionChange.From"/> is the recorded fingerprint) needs only its rows from that date on deleted and
/// merged; every other one — no change known, a change from a file the warehouse did not load, a table without a date
/// column to bound by (<see cref="LoadSql.ChangeDateColumn"/>) — is merged whole, as before. Whole partitions go first,
/// in the order given; bounded ones after, sorted by their date, so that each batch's bound (the earliest of its
/// partitions, which is exact for that one and only reads a few more rows of the others) stays close to all of them.
/// Bounded partitions whose changed rows are also in one smaller file (<see cref="ChangedRows"/>, a run's change file)
/// are batched with the others of that file, and such a batch reads its rows from it; it is not cut at the batch size,
/// since it holds a few rows per partition (at most <c>GoldChangeFiles.MaxRowsPerSymbol</c>), and each batch costs a scan
/// of the table (a daily load at 5,000 × 20 ran ten such batches per table, 0.15–0.3 s each).
/// </summary>
internal static class LoadBatches
{
    /// <param name="values">The value of every partition of the load.</param>
    /// <param name="staged">The indexes (into <paramref name="values"/>) of the partitions to merge.</param>
    /// <param name="recorded">The fingerprints the warehouse recorded, by partition value.</param>
    /// <param name="known">What the files' writer knows of them, by partition value; none: nothing.</param>
    public static IReadOnlyList<LoadBatch> Plan(TableSchema table, IReadOnlyList<string> values, IReadOnlyList<int> staged, IReadOnlyDictionary<string, string> recorded, IReadOnlyDictionary<string, KnownPartition>? known, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(staged);
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var boundable = LoadSql.ChangeDateColumn(table) is not null && known is not null;
        var whole = new List<int>();
        var bounded = new List<(int Index, DateOnly Since, ChangedRows? Rows)>();
        foreach (var index in staged)
        {
            if (boundable && ChangeOf(values[index], recorded, known!) is { } change)
            {
                bounded.Add((index, change.Since, change.Rows));
            }
            else
            {
                whole.Add(index);
            }
        }

        var batches = whole.Chunk(batchSize).Select(chunk => new LoadBatch(chunk, null)).ToList();
        batches.AddRange(bounded
            .OrderBy(p => p.Since)
            .ThenBy(p => values[p.Index], StringComparer.Ordinal)
            // By the warehouse's time partition of the change (LoadSql.PeriodStart), so a day's new bars go in one batch
            // while a symbol whose change starts far back (a late correction of an old bar) does not pull the bound of the
            // others back with it; within a period the earlier bound costs BigQuery nothing (it prunes by period) and
            // DuckDB a few more rows per partition. And by change file, so that a batch can read its rows from one.
            .GroupBy(p => (LoadSql.PeriodStart(table, p.Since), p.Rows?.File))
            .SelectMany(group => group.Key.File is null ? group.Chunk(batchSize) : [group.ToArray()])
            .Select(chunk => new LoadBatch(chunk.Select(p => p.Index).ToArray(), chunk[0].Since, RowsFileOf(chunk, chunk[0].Since))));
        return batches;
    }

    /// <summary>
    /// The file a bounded batch can read its rows from the bound on from: the one file all of its partitions' changed
    /// rows are in (they were grouped by it), when each of them holds their rows from the bound on; else null.
    /// </summary>
    private static string? RowsFileOf(IReadOnlyList<(int Index, DateOnly Since, ChangedRows? Rows)> chunk, DateOnly bound) =>
        chunk.All(p => p.Rows is { } rows && rows.From <= bound) ? chunk[0].Rows!.File : null;

    /// <summary>How <paramref name="value"/>'s file differs from the one the warehouse loaded; null when unknown.</summary>
    private static PartitionChange? ChangeOf(string value, IReadOnlyDictionary<string, string> recorded, IReadOnlyDictionary<string, KnownPartition> known) =>
        known.TryGetValue(value, out var partition) && partition.Change is { } change
        && recorded.TryGetValue(value, out var fingerprint) && string.Equals(fingerprint, change.From, StringComparison.Ordinal)
            ? change
            : null;
}
