using System.Collections.Concurrent;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Warehouse;
using StockLakehouse.Jobs.Stages;

namespace StockLakehouse.Cli.Pipeline;

/// <summary>
/// The load's fingerprints of gold partition files from gold's own state (<see cref="GoldPartitionState"/>), so the
/// load need not hash every file it might stage. Gold records per symbol the SHA-256 of everything its partition
/// function read (the code's version, the silver partition's bytes, the company versions) and each file as the store
/// listed it right after writing it. Gold's rows are a function of those inputs (a rerun computes the same rows), so
/// while a partition's files — its file and, after daily runs, its tail (<see cref="GoldPartitionState.TailFrom"/>) —
/// are listed exactly as recorded, no more and no fewer — same keys, sizes and store fingerprints (on a local folder
/// their last write times) — they hold the rows that input fingerprint produced, and <c>gold:</c> followed by it is a
/// fingerprint that changes whenever the rows do. A partition listed otherwise, a state with an unknown fingerprint
/// (silver rebuilt from raw, a Spark run, a full computation) or no state gives none, and the load hashes its files. When the state
/// also records how gold's new partitions differ from those it computed before (<see cref="GoldPartitionState.Change"/>:
/// only from a trade date on, from the computation with input fingerprint <see cref="GoldChange.From"/>), the file's
/// entry carries it as <c>gold:</c> followed by that earlier fingerprint and the date, so a warehouse that loaded the
/// earlier files merges only the rows from that date on; and where gold also wrote those rows into its run's change
/// file (<see cref="GoldChange.Rows"/>), that file, which the load then reads instead of the partition's.
/// </summary>
internal sealed class GoldStateFingerprints : IPartitionFingerprintSource
{
    /// <summary>What every fingerprint this source gives starts with, so it is never taken for a hash of the file's bytes.</summary>
    private const string Prefix = "gold:";

    private readonly IObjectStore _store;
    private readonly TableSchema _stateTable;
    private readonly int _parallelism;
    private readonly ConcurrentDictionary<string, GoldPartitionState?> _states = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _changeFiles = new(StringComparer.Ordinal);

    /// <param name="stateTable">The table gold keys its state by (fact_stock_price).</param>
    public GoldStateFingerprints(IObjectStore store, TableSchema stateTable, int parallelism)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(stateTable);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        _store = store;
        _stateTable = stateTable;
        _parallelism = parallelism;
    }

    public async Task<IReadOnlyDictionary<string, KnownPartition>> KnownAsync(TableSchema table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var known = new ConcurrentDictionary<string, KnownPartition>(StringComparer.Ordinal);
        if (table.Layer != Layers.Gold || table.LakePartition is null)
        {
            return known;
        }

        // A partition's files: its file and, after a daily run that wrote it, its tail (GoldFiles).
        var listed = await PartitionFiles.ListAsync(_store, table, cancellationToken).ConfigureAwait(false);

        await Parallel.ForEachAsync(listed, new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken }, async (partition, ct) =>
        {
            var state = await StateAsync(partition.Key, ct).ConfigureAwait(false);
            // Exactly the files the state names for this table, each listed as gold wrote it: a tail missing or not named
            // (a run stopped between deleting and writing, a file left by hand) leaves the partition to be hashed.
            if (state?.Fingerprint is { } fingerprint
                && partition.Value.All(state.Partitions.Contains)
                && state.Partitions.Count(p => p.Key.StartsWith(table.LakePrefix + "/", StringComparison.Ordinal)) == partition.Value.Count)
            {
                known[partition.Key] = new KnownPartition(
                    Prefix + fingerprint,
                    state.Change is { } change ? new PartitionChange(Prefix + change.From, change.Since) { Rows = ChangedRowsOf(table, change.Rows) } : null)
                {
                    TailFrom = partition.Value.Any(f => f.Key == LakeLayout.PartitionTail(table, partition.Key)) ? state.TailFrom : null,
                };
            }
        }).ConfigureAwait(false);
        return known;
    }

    /// <summary>
    /// Where the run that wrote the partition also wrote its changed rows (<see cref="GoldChangeRows"/>): its change file
    /// of <paramref name="table"/>, when the lake is a local folder and the file is there (a run stopped before its end
    /// wrote none); null otherwise.
    /// </summary>
    private ChangedRows? ChangedRowsOf(TableSchema table, GoldChangeRows? rows)
    {
        if (rows is null || _store.LocalPath(LakeLayout.Changes(table, rows.RunId)) is not { } file)
        {
            return null;
        }

        return _changeFiles.GetOrAdd(file, File.Exists) ? new ChangedRows(file, rows.From) : null;
    }

    /// <summary>Gold's state of the symbol <paramref name="value"/>, read once for both fact tables; null when there is none.</summary>
    private async ValueTask<GoldPartitionState?> StateAsync(string value, CancellationToken cancellationToken)
    {
        if (_states.TryGetValue(value, out var cached))
        {
            return cached;
        }

        var state = Symbol.TryParse(value, out var symbol) && symbol.Value == value
            ? await StageState.ReadAsync<GoldPartitionState>(_store, StageState.Key(_stateTable, symbol), cancellationToken).ConfigureAwait(false)
            : null;
        return _states.GetOrAdd(value, state);
    }
}
