using System.Diagnostics;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;
using StockLakehouse.Jobs.Silver;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// Bronze → silver, the same on every engine: which raw objects a symbol has, how they are opened and checked,
/// where the company's currency comes from, what is written, and where the rejects go. An engine lists the
/// symbols, hands each one's objects to <see cref="RunPartitionAsync"/> (the local runner reads them from the store,
/// the Spark host from the rows Spark read), and calls <see cref="FinishAsync"/> with every outcome.
/// </summary>
public sealed class SilverStage
{
    private readonly LakeContext _lake;
    private readonly DailyBarSilverFunction _function;
    private readonly string _code;

    public SilverStage(LakeContext lake)
    {
        ArgumentNullException.ThrowIfNull(lake);
        _lake = lake;
        _function = new DailyBarSilverFunction(lake.Calendar);
        _code = StageCodeVersion.Of(Table);
    }

    /// <summary>The raw (source, dataset) pairs silver reads.</summary>
    public static IReadOnlyList<(string Source, string Dataset)> RawDatasets { get; } =
        [(LakeNames.Yahoo, LakeNames.Chart), (LakeNames.AlphaVantage, LakeNames.TimeSeriesDaily)];

    public TableSchema Table => _lake.Schemas[LakeNames.DailyBar];

    /// <summary>The raw body keys of every symbol in <paramref name="only"/> (every symbol with raw daily bars when null).</summary>
    public async Task<Dictionary<Symbol, List<string>>> ListRawAsync(IReadOnlyCollection<Symbol>? only, CancellationToken cancellationToken) =>
        (await ListRawObjectsAsync(only, cancellationToken).ConfigureAwait(false))
            .ToDictionary(pair => pair.Key, pair => pair.Value.Select(o => o.Key).ToList());

    /// <summary>The prefixes of <see cref="RawDatasets"/> in the lake.</summary>
    public static IReadOnlyList<string> RawPrefixes { get; } = RawDatasets.Select(d => LakeLayout.RawPrefix(d.Source, d.Dataset)).ToArray();

    /// <summary>
    /// The raw bodies of every symbol in <paramref name="only"/> (every symbol with raw daily bars when null) with their
    /// sizes and their metadata's, in key order, from one listing of each raw dataset.
    /// </summary>
    public async Task<Dictionary<Symbol, List<RawObjectEntry>>> ListRawObjectsAsync(IReadOnlyCollection<Symbol>? only, CancellationToken cancellationToken)
    {
        var every = await RawListing.ListEveryBodyAsync(_lake.Store, RawPrefixes, cancellationToken).ConfigureAwait(false);
        if (only is not null)
        {
            var wanted = only.ToHashSet();
            foreach (var symbol in every.Keys.Where(s => !wanted.Contains(s)).ToArray())
            {
                every.Remove(symbol);
            }
        }

        return every;
    }

    /// <summary>The raw bodies as far as they changed since silver last recorded them (<see cref="RawListing"/>), for <see cref="RunChangedPartitionAsync"/>.</summary>
    public Task<RawListing> OpenRawListingAsync(CancellationToken cancellationToken) =>
        RawListing.OpenAsync(_lake.Store, RawPrefixes, TimeProvider.System, cancellationToken);

    /// <summary>
    /// Builds and replaces the silver partition of <paramref name="symbol"/> from its raw bodies
    /// <paramref name="bodies"/>, reading each body and its metadata through <paramref name="read"/> (null: no such object),
    /// as one file: a tail the partition may have is deleted first.
    /// </summary>
    public Task<PartitionOutcome> RunPartitionAsync(
        Symbol symbol,
        IEnumerable<string> bodies,
        Func<string, CancellationToken, Task<byte[]?>> read,
        CancellationToken cancellationToken) =>
        RebuildAsync(symbol, bodies, read, hasTail: true, split: false, cancellationToken);

    /// <summary>
    /// <see cref="RunPartitionAsync"/>, deleting the tail only when <paramref name="hasTail"/> says there is one; with
    /// <paramref name="split"/>, written as a file and a tail from <see cref="RebuildTailStart"/> on, as a merge writes it,
    /// so that the next day's merge reads and writes the tail alone.
    /// </summary>
    private async Task<PartitionOutcome> RebuildAsync(
        Symbol symbol,
        IEnumerable<string> bodies,
        Func<string, CancellationToken, Task<byte[]?>> read,
        bool hasTail,
        bool split,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bodies);
        ArgumentNullException.ThrowIfNull(read);
        var started = Stopwatch.GetTimestamp();
        var currency = await CurrencyAsync(symbol, cancellationToken).ConfigureAwait(false);
        var rejects = new List<QuarantineRecord>();
        var (objects, entries) = await OpenAsync(symbol, bodies, read, rejects, cancellationToken).ConfigureAwait(false);
        var result = _function.Process(symbol, objects, currency);
        var state = new SilverPartitionState(_code, currency, RawObjectDigest.Of(entries), QuarantineOrder.Of(rejects.Concat(result.Rejects)));
        var bars = result.Bars;
        var cut = split && bars.Count > 0 ? bars.FirstOnOrAfter(RebuildTailStart(bars.TradeDate[^1])) : 0;
        return await PublishAsync(symbol, bars, cut, state, result.InputBars, hasTail, started, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The silver partition files the lake holds (bases and tails), by key, with their sizes and fingerprints, from one listing.</summary>
    public async Task<IReadOnlyDictionary<string, ObjectInfo>> SilverPartitionsAsync(CancellationToken cancellationToken)
    {
        var partitions = new Dictionary<string, ObjectInfo>(StringComparer.Ordinal);
        await foreach (var info in _lake.Store.ListAsync(Table.LakePrefix + "/", cancellationToken).ConfigureAwait(false))
        {
            partitions[info.Key] = info;
        }

        return partitions;
    }

    /// <summary>
    /// Brings the silver partition of <paramref name="symbol"/> up to date with its raw bodies in <paramref name="raw"/>,
    /// doing only what changed since silver last wrote it (its <see cref="SilverPartitionState"/>, whose partition must be in
    /// <paramref name="silverPartitions"/> as silver wrote it, see <see cref="SilverPartitionsAsync"/>): nothing when the
    /// bodies, their metadata, the currency and the code are the same; when only bodies of later ingest dates were added,
    /// the kept partition read back and merged with the added bodies alone (<see cref="SilverMerge"/>) — its tail alone,
    /// when the added rows all fall in it (see <see cref="MergeAsync"/>); otherwise the partition is rebuilt from every
    /// body, as <see cref="RunPartitionAsync"/> does, but written as a file and a tail (<see cref="RebuildTailStart"/>) so
    /// that the next day's merge reads and writes the tail alone. The added bodies come from the run's listing of what
    /// landed since (<see cref="RawListing.AddedSince"/>) when it can tell, else from every body of the symbol. The
    /// outcome's rejects are always those of every body, as a full build's.
    /// </summary>
    /// <param name="silverPartitions">The silver files the lake holds, by key (<see cref="SilverPartitionsAsync"/>).</param>
    public async Task<PartitionOutcome> RunChangedPartitionAsync(
        Symbol symbol,
        RawListing raw,
        IReadOnlyDictionary<string, ObjectInfo> silverPartitions,
        Func<string, CancellationToken, Task<byte[]?>> read,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(silverPartitions);
        ArgumentNullException.ThrowIfNull(read);
        var started = Stopwatch.GetTimestamp();
        var currency = await CurrencyAsync(symbol, cancellationToken).ConfigureAwait(false);
        var listed = SilverFiles.Listed(Table, symbol.Value, silverPartitions);
        var state = await StageState.ReadAsync<SilverPartitionState>(_lake.Store, StageState.Key(Table, symbol), cancellationToken).ConfigureAwait(false);
        var kept = state is not null && state.Code == _code && state.Currency == currency && listed is not null && state.Files == listed ? state : null;
        IReadOnlyList<RawObjectEntry>? current = null;
        var added = kept is null ? null : raw.AddedSince(symbol, kept.Objects);
        if (added is null && kept is not null)
        {
            current = await raw.ObjectsAsync(symbol, cancellationToken).ConfigureAwait(false);
            added = Added(kept.Objects, current);
        }

        if (added is not null)
        {
            if (added.Count == 0)
            {
                return new PartitionOutcome(symbol.Value, 0, 0, [], kept!.Rejects, null, Elapsed(started));
            }

            if (await MergeAsync(symbol, kept!, listed!, added, currency, read, started, cancellationToken).ConfigureAwait(false) is { } merged)
            {
                return merged;
            }
        }

        current ??= await raw.ObjectsAsync(symbol, cancellationToken).ConfigureAwait(false);
        var tailListed = silverPartitions.ContainsKey(LakeLayout.PartitionTail(Table, symbol.Value));
        return await RebuildAsync(symbol, current.Select(o => o.Key), read, tailListed, split: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the run's silver quarantine file from every partition's rejects, in symbol order.</summary>
    public async Task<PartitionOutcome> FinishAsync(IEnumerable<PartitionOutcome> outcomes, CancellationToken cancellationToken)
    {
        var written = await QuarantineOrder.WriteAsync(_lake, Table, outcomes, cancellationToken).ConfigureAwait(false);
        return new PartitionOutcome(null, 0, 0, written, [], null, 0);
    }

    /// <summary>
    /// The bodies of <paramref name="current"/> that arrived since <paramref name="kept"/> was taken, when every body it
    /// describes is still there as it was (same size, same metadata size) and every other has a later ingest date; null
    /// otherwise (the partition is rebuilt).
    /// </summary>
    private static IReadOnlyList<RawObjectEntry>? Added(RawObjectDigest kept, IReadOnlyList<RawObjectEntry> current)
    {
        if (kept.Count == 0)
        {
            return null;
        }

        var before = current.Where(o => LakeLayout.IngestDateOf(o.Key) <= kept.LastIngest).ToArray();
        return before.Length == kept.Count && RawObjectDigest.Of(before) == kept
            ? current.Where(o => LakeLayout.IngestDateOf(o.Key) > kept.LastIngest).ToList()
            : null;
    }

    /// <summary>
    /// The kept partition merged with the added bodies; null when that cannot be done exactly (the caller rebuilds). The
    /// merge only adds or replaces rows dated from the first added row on, so when the partition has a tail whose first
    /// date is no later than that, the tail alone is read, merged and rewritten, and the base file stays as it is
    /// (unless the tail would pass <see cref="MaxTailRows"/>). Otherwise the whole partition is read and merged, and
    /// written as a base holding the rows before the month of the first added one (<see cref="TailStart"/>) and a tail
    /// holding the rest, so that the next days rewrite the tail alone.
    /// </summary>
    private async Task<PartitionOutcome?> MergeAsync(
        Symbol symbol,
        SilverPartitionState state,
        SilverFiles listed,
        IReadOnlyList<RawObjectEntry> added,
        string? currency,
        Func<string, CancellationToken, Task<byte[]?>> read,
        long started,
        CancellationToken cancellationToken)
    {
        var rejects = new List<QuarantineRecord>();
        var (objects, entries) = await OpenAsync(symbol, added.Select(o => o.Key), read, rejects, cancellationToken).ConfigureAwait(false);
        var sources = objects.Where(o => o.Metadata is not null).Select(o => o.Metadata!.Source == LakeNames.AlphaVantage).Distinct().ToArray();
        if (sources.Length > 1)
        {
            return null;
        }

        var result = _function.Process(symbol, objects, currency);
        var fromYahoo = sources is not [true];
        var merged = new SilverPartitionState(
            _code,
            currency,
            state.Objects.Plus(entries),
            QuarantineOrder.Of(state.Rejects.Concat(rejects).Concat(result.Rejects)))
        {
            MergedOnto = listed,
        };

        // The tail alone, when every added row falls in it.
        RecordBatch? keptTail = null;
        if (listed.Tail is { } tailFile && state.TailFrom is { } tailFrom && (result.Bars.Count == 0 || result.Bars.TradeDate[0] >= tailFrom))
        {
            keptTail = await ReadKeptAsync(() => _lake.Partitions.ReadFileAsync(Table, tailFile.Key, cancellationToken)).ConfigureAwait(false);
            if (keptTail is null)
            {
                return null;
            }

            var keptBars = DailyBarBatch.FromBatch(symbol, keptTail);
            var tail = SilverMerge.Merge(keptBars, result.Bars, fromYahoo);
            if (tail.Count <= MaxTailRows && tail.Count > 0 && tail.TradeDate[0] >= tailFrom)
            {
                merged = merged with { ChangedFrom = SilverMerge.FirstChanged(keptBars, tail) };
                var tailKey = LakeLayout.PartitionTail(Table, symbol.Value);
                var written = await _lake.Partitions.ReplaceFilesAsync(
                    [(tailKey, Table, DailyBarBatch.ToBatch(tail))],
                    published => [StageState.ToObject(StageState.Key(Table, symbol), merged with { Partition = listed.Partition, Tail = published[0], TailFrom = tailFrom })],
                    cancellationToken).ConfigureAwait(false);
                return new PartitionOutcome(symbol.Value, result.InputBars, tail.Count, [written[0].Key], merged.Rejects, null, Elapsed(started));
            }
        }

        // The whole partition: its file and tail, the tail not read twice when it was read above (past the cap).
        var kept = keptTail is null
            ? await ReadKeptAsync(() => _lake.Partitions.ReadAsync(Table, symbol.Value, cancellationToken)).ConfigureAwait(false)
            : await ReadKeptAsync(() => _lake.Partitions.ReadFileAsync(Table, listed.Partition.Key, cancellationToken)).ConfigureAwait(false) is { } keptFile
                ? RecordBatchRows.Concat([keptFile, keptTail])
                : null;
        if (kept is null)
        {
            return null;
        }

        var keptSeries = DailyBarBatch.FromBatch(symbol, kept);
        var bars = SilverMerge.Merge(keptSeries, result.Bars, fromYahoo);
        merged = merged with { ChangedFrom = SilverMerge.FirstChanged(keptSeries, bars) };
        var cut = result.Bars.Count == 0 ? 0 : bars.FirstOnOrAfter(TailStart(result.Bars.TradeDate[0]));
        return await PublishAsync(symbol, bars, cut, merged, result.InputBars, listed.Tail is not null, started, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Where a new tail starts for rows added from <paramref name="firstAdded"/> on: the first of its month, where gold's
    /// tails start too (the first day of the warehouse's monthly time partition of the change, <see cref="GoldChangeFiles.FirstKept"/>),
    /// so that gold can compute the rows of its tails from silver's tail alone (<see cref="GoldResume"/>).
    /// </summary>
    public static DateOnly TailStart(DateOnly firstAdded) => new(firstAdded.Year, firstAdded.Month, 1);

    /// <summary>
    /// Where the tail of a partition rebuilt from every body starts, given its last row's date: the first of the month
    /// before, so that the next days' rows and the lookback they send again (<see cref="TailStart"/> of the first of
    /// them) fall in the tail, however early in its month the last row is.
    /// </summary>
    public static DateOnly RebuildTailStart(DateOnly lastRow) => TailStart(lastRow.AddMonths(-1));

    /// <summary>
    /// The most rows a tail is merged in place up to; a merge that would pass it rewrites the whole partition and starts a
    /// new tail at the first of the month of its first added row. A tail grows by a row a session, so this bounds a day's silver work per symbol
    /// while the base file is rewritten about twice a year.
    /// </summary>
    public const int MaxTailRows = 128;

    /// <summary>Kept rows read back, or null when they cannot be read (the caller rebuilds from every body).</summary>
    private static async Task<RecordBatch?> ReadKeptAsync(Func<Task<RecordBatch?>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>Reads and checks each body with its metadata; the entries record the sizes read.</summary>
    private static async Task<(List<RawChartObject> Objects, List<RawObjectEntry> Entries)> OpenAsync(
        Symbol symbol,
        IEnumerable<string> bodies,
        Func<string, CancellationToken, Task<byte[]?>> read,
        List<QuarantineRecord> rejects,
        CancellationToken cancellationToken)
    {
        var objects = new List<RawChartObject>();
        var entries = new List<RawObjectEntry>();
        foreach (var key in bodies.Order(StringComparer.Ordinal))
        {
            var body = await read(key, cancellationToken).ConfigureAwait(false)
                ?? throw new FileNotFoundException($"Raw object '{key}' vanished while silver was reading it.");
            var metadata = await read(LakeLayout.RawMetadata(key), cancellationToken).ConfigureAwait(false);
            entries.Add(new RawObjectEntry(key, body.Length, metadata?.Length));
            if (RawObjectCheck.Open(symbol, key, body, metadata, rejects) is { } opened)
            {
                objects.Add(opened);
            }
        }

        return (objects, entries);
    }

    /// <summary>
    /// Replaces the partition with <paramref name="bars"/> and records its state, the files as the store lists them
    /// included, visible only after the files: a run stopped in between leaves the older state, and the next run
    /// rebuilds. With <paramref name="cut"/> inside the rows, the rows before it go to the partition's file and the rest to
    /// its tail (the state records the tail's first date); otherwise the partition is one file. Their flushes overlap
    /// (<see cref="IObjectStore.PublishFilesThenPutAsync"/>). A tail the partition had is deleted first, and the files are
    /// renamed one by one (the file, then the tail, then the state), so a run stopped in between leaves the partition
    /// without its newest rows and with a state that no longer matches the listing, which the next run rebuilds, never a
    /// tail whose rows the new file repeats.
    /// </summary>
    private async Task<PartitionOutcome> PublishAsync(Symbol symbol, DailyBarSeries bars, int cut, SilverPartitionState state, long rowsIn, bool hasTail, long started, CancellationToken cancellationToken)
    {
        if (hasTail)
        {
            await _lake.Store.DeleteAsync(LakeLayout.PartitionTail(Table, symbol.Value), cancellationToken).ConfigureAwait(false);
        }

        var stateKey = StageState.Key(Table, symbol);
        var batch = DailyBarBatch.ToBatch(bars);
        if (cut <= 0 || cut >= bars.Count)
        {
            var written = await _lake.Partitions.ReplaceAllAsync(
                [(Table, symbol.Value, batch)],
                published => [StageState.ToObject(stateKey, state with { Partition = published[0], Tail = null, TailFrom = null })],
                cancellationToken).ConfigureAwait(false);
            return new PartitionOutcome(symbol.Value, rowsIn, bars.Count, [written[0].Key], state.Rejects, null, Elapsed(started));
        }

        var split = await _lake.Partitions.ReplaceFilesAsync(
            [
                (LakeLayout.Partition(Table, symbol.Value), Table, RecordBatchRows.Slice(batch, 0, cut)),
                (LakeLayout.PartitionTail(Table, symbol.Value), Table, RecordBatchRows.Slice(batch, cut, bars.Count - cut)),
            ],
            published => [StageState.ToObject(stateKey, state with { Partition = published[0], Tail = published[1], TailFrom = bars.TradeDate[cut] })],
            cancellationToken).ConfigureAwait(false);
        return new PartitionOutcome(symbol.Value, rowsIn, bars.Count, [split[0].Key, split[1].Key], state.Rejects, null, Elapsed(started));
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    /// <summary>
    /// The company's currency, for sources whose bars carry none (Alpha Vantage): from the reference data, else from
    /// the newest version of the company landed in the lake.
    /// </summary>
    private async Task<string?> CurrencyAsync(Symbol symbol, CancellationToken cancellationToken) =>
        _lake.Reference.TryGetCompany(symbol, out var company)
            ? company.Currency
            : (await _lake.Companies.GetAsync(cancellationToken).ConfigureAwait(false)).BySymbol[symbol].LastOrDefault()?.Currency;
}
