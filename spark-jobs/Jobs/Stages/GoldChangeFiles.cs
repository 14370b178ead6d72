using System.Collections.Concurrent;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;
using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// The rows a gold run changed, kept per symbol while its partitions are computed and written at the run's end as one
/// change file per fact table (<see cref="LakeLayout.Changes"/>), so a load that merges only the changed rows reads
/// one small file instead of every changed partition whole (a daily session changes the last rows of every symbol's
/// files). A symbol's rows start on the first day of the warehouse's time partition of its change
/// (<see cref="LoadSql.PeriodStart"/>, the month for the facts) rather than at the change itself: the load merges
/// changed partitions in batches of one such period and bounds each by its earliest change, which is then never before
/// the rows of any partition in it. A symbol with more than <see cref="MaxRowsPerSymbol"/> such rows (a late
/// correction far back) keeps none, and the load reads its partitions.
/// </summary>
internal sealed class GoldChangeFiles
{
    /// <summary>
    /// At most this many rows per symbol and table are kept: a daily run's rows are those from the first of the month
    /// of its lookback's first session, about 28 at most.
    /// </summary>
    public const int MaxRowsPerSymbol = 64;

    private readonly ConcurrentDictionary<string, KeptChangeRows> _kept = new(StringComparer.Ordinal);

    /// <summary>The runs whose change files a state the stage wrote or left unchanged names.</summary>
    private readonly ConcurrentDictionary<string, bool> _named = new(StringComparer.Ordinal);

    /// <summary>
    /// The rows of <paramref name="partitions"/> (a symbol's fact partitions, each table once) dated on or after the
    /// first day of the time partition <paramref name="since"/> falls in (the earliest of the tables', by each table's
    /// <see cref="LoadSql.ChangeDateColumn"/>); null when a table has no such column or more than
    /// <see cref="MaxRowsPerSymbol"/> such rows.
    /// </summary>
    public KeptChangeRows? RowsOf(IReadOnlyList<(TableSchema Table, RecordBatch Batch)> partitions, DateOnly since)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        if (FirstKept(partitions.Select(p => p.Table).ToArray(), since) is not { } from)
        {
            return null;
        }

        var columns = partitions.Select(p => LoadSql.ChangeDateColumn(p.Table)!).ToArray();
        var batches = new RecordBatch[partitions.Count];
        for (var p = 0; p < partitions.Count; p++)
        {
            var dates = partitions[p].Batch.Get<DateColumn>(columns[p]);
            var rows = new List<int>();
            for (var row = 0; row < dates.Length; row++)
            {
                if (!dates.IsNull(row) && dates.Values[row] >= from)
                {
                    rows.Add(row);
                    if (rows.Count > MaxRowsPerSymbol)
                    {
                        return null;
                    }
                }
            }

            batches[p] = RecordBatchRows.Take(partitions[p].Batch, rows);
        }

        return new KeptChangeRows(from, batches);
    }

    /// <summary>
    /// The first date of the rows <see cref="RowsOf"/> keeps of <paramref name="tables"/> for a change since
    /// <paramref name="since"/>: the first day of the warehouse time partition it falls in, the earliest of the tables';
    /// null when a table has no <see cref="LoadSql.ChangeDateColumn"/>.
    /// </summary>
    public static DateOnly? FirstKept(IReadOnlyList<TableSchema> tables, DateOnly since)
    {
        ArgumentNullException.ThrowIfNull(tables);
        return tables.Any(t => LoadSql.ChangeDateColumn(t) is null) ? null : tables.Min(t => LoadSql.PeriodStart(t, since));
    }

    /// <summary>Keeps <paramref name="kept"/> for <paramref name="symbol"/>'s rows in the run's change files.</summary>
    public void Add(Symbol symbol, KeptChangeRows kept)
    {
        ArgumentNullException.ThrowIfNull(kept);
        _kept[symbol.Value] = kept;
    }

    /// <summary>Notes that a state the stage left unchanged names <paramref name="rows"/>' run, whose change files are then kept.</summary>
    public void Keep(GoldChangeRows? rows)
    {
        if (rows is not null)
        {
            _named[rows.RunId] = true;
        }
    }

    /// <summary>
    /// Writes one change file per table of the kept rows, symbols in ordinal order; returns their keys (none when nothing
    /// was kept). <paramref name="tables"/> are the tables of the partitions given to <see cref="RowsOf"/>, in that order.
    /// </summary>
    public async Task<IReadOnlyList<string>> WriteAsync(LakeContext lake, IReadOnlyList<TableSchema> tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(tables);
        if (_kept.IsEmpty)
        {
            return [];
        }

        _named[lake.RunId] = true;
        var symbols = _kept.Keys.Order(StringComparer.Ordinal).Select(s => _kept[s]).ToArray();
        var written = new List<string>();
        for (var t = 0; t < tables.Count; t++)
        {
            var key = LakeLayout.Changes(tables[t], lake.RunId);
            var rows = symbols.Select(k => k.Rows[t]).ToArray();
            await lake.Partitions.WriteFileAsync(tables[t], key, RecordBatchRows.Concat(rows), cancellationToken).ConfigureAwait(false);
            written.Add(key);
        }

        return written;
    }

    /// <summary>
    /// Deletes the change files of every run that no state the stage wrote or left unchanged names. Only a stage that
    /// brought every gold partition of the lake up to date may call it: the states of symbols it did not see may name
    /// other runs' files.
    /// </summary>
    public async Task DeleteSupersededAsync(LakeContext lake, IReadOnlyList<TableSchema> tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(tables);
        var needed = tables.SelectMany(t => _named.Keys.Select(run => LakeLayout.Changes(t, run))).ToHashSet(StringComparer.Ordinal);
        var superseded = new List<string>();
        await foreach (var file in lake.Store.ListAsync($"{LakeLayout.ChangesRoot}/{Layers.Gold}/", cancellationToken).ConfigureAwait(false))
        {
            if (!needed.Contains(file.Key))
            {
                superseded.Add(file.Key);
            }
        }

        foreach (var key in superseded)
        {
            await lake.Store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }
    }
}
