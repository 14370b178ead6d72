using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;
using StockLakehouse.Jobs.Gold;
using StockLakehouse.Jobs.Silver;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// Silver → gold, the same on every engine, in three steps an engine calls in order:
/// <see cref="WriteDimensionsAsync"/> (dim_exchange and dim_company, with the landed company files that cannot be
/// read quarantined), <see cref="RunPartitionAsync"/> per symbol (its facts and indicators, or the reject of a
/// symbol dim_company does not know), and <see cref="FinishAsync"/> (the facts' quarantine file, the run's change
/// files and dim_date). A local run that brought every symbol up to date through <see cref="RunChangedPartitionAsync"/>
/// then deletes the change files no state names any more (<see cref="DeleteSupersededChangesAsync"/>).
/// </summary>
public sealed class GoldStage
{
    /// <summary>dim_date always covers at least 1990 through the year after the run's end.</summary>
    public static readonly DateOnly CalendarStart = new(1990, 1, 1);

    /// <summary>The reject reason of a symbol whose silver partition cannot be read and cannot be rebuilt from raw.</summary>
    public const string UnreadablePartition = "unreadable_partition";

    private readonly LakeContext _lake;
    private readonly TableSchema _stateTable;
    private readonly string _code;
    private readonly GoldChangeFiles _changes = new();

    /// <summary>The two fact tables gold writes per symbol, in the order it writes them.</summary>
    private readonly TableSchema[] _factTables;

    public GoldStage(LakeContext lake)
    {
        ArgumentNullException.ThrowIfNull(lake);
        _lake = lake;
        // One state per symbol for both fact tables, which gold always writes together, kept under the first's name.
        _stateTable = lake.Schemas[LakeNames.FactStockPrice];
        _factTables = [_stateTable, lake.Schemas[LakeNames.FactTechnicalIndicator]];
        _code = StageCodeVersion.Of(Silver, _stateTable, lake.Schemas[LakeNames.FactTechnicalIndicator]);
    }

    public TableSchema Silver => _lake.Schemas[LakeNames.DailyBar];


    /// <summary>Every symbol with a silver partition in the lake, in ordinal order (gold's input, whether or not raw is still there).</summary>
    public async Task<IReadOnlyList<Symbol>> SilverSymbolsAsync(CancellationToken cancellationToken)
    {
        var symbols = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var info in _lake.Store.ListAsync(Silver.LakePrefix + "/", cancellationToken).ConfigureAwait(false))
        {
            if (Symbol.TryParse(LakeLayout.PartitionValueOf(Silver, info.Key), out var symbol))
            {
                symbols.Add(symbol.Value);
            }
        }

        return symbols.Select(Symbol.Parse).ToArray();
    }

    /// <summary>Replaces dim_exchange and dim_company; the landed company files that cannot be read go to dim_company's quarantine.</summary>
    public async Task<PartitionOutcome> WriteDimensionsAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var written = new List<string>();
        var dimExchange = DimExchangeBuilder.Build(_lake.Reference.Exchanges);
        written.Add(await _lake.Partitions.ReplaceAsync(_lake.Schemas[LakeNames.DimExchange], null, dimExchange, cancellationToken).ConfigureAwait(false));
        var companies = await _lake.Companies.GetAsync(cancellationToken).ConfigureAwait(false);
        var dimCompany = _lake.Schemas[LakeNames.DimCompany];
        if (companies.Rejects.Count > 0)
        {
            written.Add(await QuarantineOrder.WriteAsync(_lake, dimCompany, companies.Rejects, cancellationToken).ConfigureAwait(false));
        }

        written.Add(await _lake.Partitions.ReplaceAsync(dimCompany, null, DimCompanyBuilder.ToBatch(companies.Versions), cancellationToken).ConfigureAwait(false));
        return new PartitionOutcome(null, 0, dimExchange.RowCount + companies.Versions.Count, written, companies.Rejects, null, Elapsed(started));
    }

    /// <summary>
    /// Replaces the fact_stock_price and fact_technical_indicator partitions of <paramref name="symbol"/> from its silver
    /// bars, read by <paramref name="readSilver"/> (null: no silver partition, nothing to do). A silver partition that
    /// cannot be read is rebuilt from the symbol's raw objects when the lake still has them, and otherwise rejected for
    /// this symbol alone. Always computes; the symbol's <see cref="GoldPartitionState"/> is then marked unknown, so that
    /// <see cref="RunChangedPartitionAsync"/> recomputes it next time rather than trust a fingerprint of other inputs.
    /// </summary>
    public Task<PartitionOutcome> RunPartitionAsync(Symbol symbol, Func<CancellationToken, Task<RecordBatch?>> readSilver, CancellationToken cancellationToken) =>
        ComputeAsync(symbol, readSilver, null, null, GoldFiles.Unlisted, cancellationToken);

    /// <summary>
    /// Brings the gold partitions of <paramref name="symbol"/> up to date with their inputs, computing only when these
    /// changed since gold last wrote them: the bytes of the symbol's silver partition, its dim_company versions and
    /// the code (<see cref="GoldPartitionState"/>). An unchanged symbol whose files are exactly those it wrote, as
    /// <paramref name="goldPartitions"/> (the gold partition files the lake holds, by key, with their sizes and
    /// fingerprints) lists them (<see cref="GoldFiles.Kept"/>), is skipped, and its outcome repeats
    /// the rejects and newest trade date of the run that computed it, so quarantine and dim_date come out as a full
    /// build's. No silver partition: nothing to do, as in <see cref="RunPartitionAsync"/>.
    /// </summary>
    /// <remarks>
    /// A symbol it computes records, beside the fingerprint, what it was computed from (<see cref="GoldInputs"/>:
    /// the silver files as <paramref name="silverPartitions"/> lists them, among others) and, when
    /// <see cref="GoldChangeRule"/> can tell, from which trade date its rows can differ from the previous computation's
    /// (<see cref="GoldPartitionState.Change"/>), so the load merges only those, and writes only the partitions' tails
    /// when the rows before them are the files' (<see cref="GoldFiles.Plan"/>).
    /// </remarks>
    public async Task<PartitionOutcome> RunChangedPartitionAsync(Symbol symbol, IReadOnlyDictionary<string, ObjectInfo> goldPartitions, IReadOnlyDictionary<string, ObjectInfo> silverPartitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(goldPartitions);
        ArgumentNullException.ThrowIfNull(silverPartitions);
        var started = Stopwatch.GetTimestamp();
        var key = LakeLayout.Partition(Silver, symbol.Value);
        var listed = SilverFiles.Listed(Silver, symbol.Value, silverPartitions);
        var stateKey = StageState.Key(_stateTable, symbol);
        var state = await StageState.ReadAsync<GoldPartitionState>(_lake.Store, stateKey, cancellationToken).ConfigureAwait(false);

        // The silver file's digest: kept in the state while the listing shows the very file it was taken of (by a fingerprint:
        // a listing without one says nothing of the bytes), read otherwise.
        var digest = listed is { Partition.Fingerprint: not null } && state?.Inputs is { FileDigest: { } keptDigest } inputs && inputs.Silver.Partition == listed.Partition ? keptDigest : null;
        byte[]? silver = null;
        if (digest is null)
        {
            silver = await _lake.Store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
            if (silver is null)
            {
                return new PartitionOutcome(symbol.Value, 0, 0, [], [], null, Elapsed(started));
            }

            digest = Convert.ToHexStringLower(SHA256.HashData(silver));
        }

        // The tail, when the listing has one: a partition's rows are its file's and then its tail's.
        var tailKey = LakeLayout.PartitionTail(Silver, symbol.Value);
        var tail = listed?.Tail is null ? null : await _lake.Store.ReadAsync(tailKey, cancellationToken).ConfigureAwait(false);
        var versions = (await _lake.Companies.GetAsync(cancellationToken).ConfigureAwait(false)).BySymbol[symbol].ToArray();
        var context = Context(versions);
        var fingerprint = Fingerprint(context, digest, tail);
        var files = new GoldFiles(symbol, _factTables, goldPartitions, state);
        if (state is not null && state.Fingerprint == fingerprint && files.Kept is not null)
        {
            _changes.Keep(state.Change?.Rows);
            return new PartitionOutcome(symbol.Value, 0, 0, [], state.Rejects, state.LastDate, Elapsed(started));
        }

        // What was read is what the lineage names: a tail listed but gone before it was read leaves the lineage unknown.
        GoldLineage? lineage = null;
        if (listed is not null && (listed.Tail is null) == (tail is null))
        {
            var merge = await SilverMergeAsync(symbol, listed, cancellationToken).ConfigureAwait(false);
            lineage = new GoldLineage(state, context, listed, merge?.MergedOnto, digest) { SilverChangedFrom = merge?.ChangedFrom, SilverTailFrom = merge?.TailFrom };
        }

        if (silver is null && tail is not null && lineage is not null
            && await ResumeAsync(symbol, tail, fingerprint, lineage, files, versions, started, cancellationToken).ConfigureAwait(false) is { } resumed)
        {
            return resumed;
        }

        silver ??= await _lake.Store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        if (silver is null)
        {
            return new PartitionOutcome(symbol.Value, 0, 0, [], [], null, Elapsed(started));
        }

        (string, byte[])[] read = tail is null ? [(key, silver)] : [(key, silver), (tailKey, tail)];
        return await ComputeAsync(symbol, async ct => await _lake.Partitions.DecodeAsync(Silver, read, ct).ConfigureAwait(false), fingerprint, lineage, files, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the symbol's tails alone from its silver tail and the state kept of the rows before them
    /// (<see cref="GoldResume"/>), without reading silver's file, when that gives the rows a whole computation would:
    /// the silver file is the one the kept state was computed from (its digest was not read again), silver's tail starts
    /// no later than gold's, <see cref="GoldChangeRule"/> bounds the change at or after gold's tails, the run's change
    /// rows start there too, and the rows from there on fit a tail. Null otherwise, and the symbol is computed whole.
    /// </summary>
    private async Task<PartitionOutcome?> ResumeAsync(Symbol symbol, byte[] silverTail, string fingerprint, GoldLineage lineage, GoldFiles files, CompanyVersion[] versions, long started, CancellationToken cancellationToken)
    {
        if (files.Kept is not { TailFrom: { } from, Resume: { Indicators.IsComplete: true } resume } kept)
        {
            return null;
        }

        // A tail that cannot be read is left to the whole computation, which rebuilds the partition from raw or rejects it.
        var tailKey = LakeLayout.PartitionTail(Silver, symbol.Value);
        RecordBatch decoded;
        DailyBarSeries tail;
        try
        {
            decoded = (await _lake.Partitions.DecodeAsync(Silver, [(tailKey, silverTail)], cancellationToken).ConfigureAwait(false))!;
            tail = DailyBarBatch.FromBatch(symbol, decoded);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return null;
        }

        // The close before silver's tail, when it starts on gold's tails' first date: the last row of the files. The run's
        // change rows start on the first of the change's month: silver's tail must hold no row between that day and gold's
        // tails' first date (the 1st may be no trading day; a row there is one the files hold).
        var closeBefore = tail.Count > 0 && tail.TradeDate[0] == from ? resume.CloseBefore : null;
        if (tail.Count == 0 || tail.TradeDate[0] > from
            || GoldChangeRule.Of(kept, lineage.Context, lineage.MergedOnto, tail, closeBefore, lineage.SilverChangedFrom) is not { } change
            || change.Since < from
            || (GoldChangeFiles.FirstKept(_factTables, change.Since) is { } firstKept && tail.FirstOnOrAfter(firstKept) < tail.FirstOnOrAfter(from)))
        {
            return null;
        }

        // The dividends and splits from the tails on are those the checkpoint saw: those before the change are in rows the
        // change leaves as they were, and the rule found those from it on to be the ones the previous computation saw.
        var first = tail.FirstOnOrAfter(from);
        var count = tail.Count - first;
        if (count > GoldFiles.MaxTailRows)
        {
            return null;
        }

        var bars = first == 0 ? tail : DailyBarBatch.FromBatch(symbol, RecordBatchRows.Slice(decoded, first, count));
        var gold = GoldPartitionFunction.Resume(bars, versions, resume.Indicators);
        (TableSchema Table, string?, RecordBatch Batch)[] partitions =
            [(_factTables[0], symbol.Value, gold.Facts), (_factTables[1], symbol.Value, gold.Indicators)];
        var changeRows = _changes.RowsOf(partitions.Select(p => (p.Table, p.Batch)).ToArray(), change.Since);
        if (changeRows is not null)
        {
            change = change with { Rows = new GoldChangeRows(_lake.RunId, changeRows.From) };
        }

        // The newest ingest and event dates among all the silver rows, from those before the tails (kept) and those read.
        var lastIngest = new[] { resume.LastIngestBefore, GoldChangeRule.LastIngest(bars, 0, bars.Count) }.Max();
        var inputs = new GoldInputs(lineage.Silver, lineage.Context, lastIngest, GoldChangeRule.LastEvent(bars, 0, bars.Count) ?? resume.LastEventBefore)
        {
            FileDigest = lineage.FileDigest,
            EventsFrom = from,
            Events = GoldChangeRule.EventsOf(tail, first, tail.Count, closeBefore),
        };
        var lastDate = bars.TradeDate[^1];
        var toWrite = GoldFiles.Split(symbol, partitions, new GoldTailPlan(0, Alone: true));
        var written = await _lake.Partitions.ReplaceFilesAsync(
            toWrite,
            published => [StageState.ToObject(StageState.Key(_stateTable, symbol), new GoldPartitionState(fingerprint, [.. files.KeptFiles, .. published], lastDate, [])
            {
                Inputs = inputs,
                Change = change,
                TailFrom = from,
                Resume = resume,
            })],
            cancellationToken).ConfigureAwait(false);
        if (changeRows is not null)
        {
            _changes.Add(symbol, changeRows);
        }

        return new PartitionOutcome(symbol.Value, bars.Count, toWrite.Sum(f => (long)f.Batch.RowCount), written.Select(p => p.Key).ToArray(), [], lastDate, Elapsed(started)) { Resumed = true };
    }

    /// <summary>
    /// Silver's state of the symbol, when it describes the current files (<paramref name="listed"/>): the partition it was
    /// merged onto and the first date whose row that merge changed; null otherwise.
    /// </summary>
    private async Task<SilverPartitionState?> SilverMergeAsync(Symbol symbol, SilverFiles listed, CancellationToken cancellationToken)
    {
        var state = await StageState.ReadAsync<SilverPartitionState>(_lake.Store, StageState.Key(Silver, symbol), cancellationToken).ConfigureAwait(false);
        return state?.Files == listed ? state : null;
    }

    /// <summary>The gold partition files the lake holds (fact_stock_price and fact_technical_indicator, tails included) by key, with their sizes and fingerprints, from one listing of each.</summary>
    public async Task<IReadOnlyDictionary<string, ObjectInfo>> GoldPartitionsAsync(CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, ObjectInfo>(StringComparer.Ordinal);
        foreach (var table in _factTables)
        {
            await foreach (var info in _lake.Store.ListAsync(table.LakePrefix + "/", cancellationToken).ConfigureAwait(false))
            {
                files[info.Key] = info;
            }
        }

        return files;
    }

    /// <summary>
    /// The computation behind both entry points, ending with the symbol's <see cref="GoldPartitionState"/>: its inputs'
    /// <paramref name="fingerprint"/> and the partitions as the store lists them, written together with the partitions
    /// and visible only after them; or, for an unknown fingerprint (null, or a silver partition rebuilt from raw, which is
    /// not the one fingerprinted), no partitions, written after them, and the symbol recomputed next time.
    /// </summary>
    /// <param name="lineage">What the previous computation and the silver partition say, for the new state's
    /// <see cref="GoldInputs"/> and <see cref="GoldChange"/>; null: neither is recorded.</param>
    /// <param name="files">The symbol's gold files in the lake, for what the write keeps and deletes (<see cref="GoldFiles"/>).</param>
    private async Task<PartitionOutcome> ComputeAsync(Symbol symbol, Func<CancellationToken, Task<RecordBatch?>> readSilver, string? fingerprint, GoldLineage? lineage, GoldFiles files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readSilver);
        var started = Stopwatch.GetTimestamp();
        var partition = LakeLayout.Partition(Silver, symbol.Value);
        RecordBatch? batch;
        IReadOnlyList<QuarantineRecord> rebuildRejects = [];
        try
        {
            batch = await readSilver(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            (batch, rebuildRejects) = await RebuildSilverAsync(symbol, cancellationToken).ConfigureAwait(false);
            // A silver partition rebuilt from raw is not the one fingerprinted.
            fingerprint = null;
            if (batch is null)
            {
                var reject = new QuarantineRecord(LakeNames.FactStockPrice, symbol.Value, partition, null, null, UnreadablePartition, $"The silver partition cannot be read and the lake holds no raw daily bars of {symbol} to rebuild it from: {e.Message}");
                return await RecordAsync(symbol, null, new PartitionOutcome(symbol.Value, 0, 0, [], [reject], null, Elapsed(started)), cancellationToken).ConfigureAwait(false);
            }
        }

        if (batch is null)
        {
            return await RecordAsync(symbol, fingerprint, new PartitionOutcome(symbol.Value, 0, 0, [], [], null, Elapsed(started)), cancellationToken).ConfigureAwait(false);
        }

        var bars = DailyBarBatch.FromBatch(symbol, batch);
        var versions = (await _lake.Companies.GetAsync(cancellationToken).ConfigureAwait(false)).BySymbol[symbol].ToArray();
        if (GoldPartitionFunction.RejectUnknownCompany(bars, versions, partition) is { } unknown)
        {
            return await RecordAsync(symbol, fingerprint, new PartitionOutcome(symbol.Value, bars.Count, 0, [], [.. rebuildRejects, unknown], null, Elapsed(started)), cancellationToken).ConfigureAwait(false);
        }

        // Rows before the tail's first date that the change leaves as they were stay in the files the lake holds; a split
        // starts the tails where the run's change rows start (a whole computation: where silver's tail starts), and keeps
        // the indicators' state there for the next days.
        var change = lineage is null || fingerprint is null ? null : GoldChangeRule.Of(lineage.Previous, lineage.Context, lineage.MergedOnto, bars, silverChangedFrom: lineage.SilverChangedFrom);
        var plan = fingerprint is null ? null : files.Plan(change, bars, change is null ? lineage?.SilverTailFrom : GoldChangeFiles.FirstKept(_factTables, change.Since) ?? change.Since);
        var gold = GoldPartitionFunction.Compute(bars, versions, plan is { Alone: false } ? plan.Cut : null);
        (TableSchema Table, string?, RecordBatch Batch)[] partitions =
            [(_factTables[0], symbol.Value, gold.Facts), (_factTables[1], symbol.Value, gold.Indicators)];
        if (partitions.Any(p => p.Batch.RowCount != bars.Count))
        {
            plan = null;
        }

        DateOnly? lastDate = bars.Count > 0 ? bars.TradeDate[^1] : null;
        var changeRows = change is null ? null : _changes.RowsOf(partitions.Select(p => (p.Table, p.Batch)).ToArray(), change.Since);
        if (change is not null && changeRows is not null)
        {
            change = change with { Rows = new GoldChangeRows(_lake.RunId, changeRows.From) };
        }

        var resume = plan switch
        {
            { Alone: true } => files.Kept?.Resume is { Indicators.IsComplete: true } kept ? kept : null,
            { Alone: false } when gold.Checkpoint is { } checkpoint => new GoldResume(checkpoint, GoldChangeRule.LastIngest(bars, 0, plan.Cut), GoldChangeRule.LastEvent(bars, 0, plan.Cut))
            {
                CloseBefore = bars.Close[plan.Cut - 1],
            },
            _ => null,
        };
        if (plan is not { Alone: true } && files.TailsListed)
        {
            // Before any file is written: a run stopped in between leaves rows missing, never a row twice (a tail beside a
            // file that holds its rows), and a state naming a tail no longer there, which the next run recomputes.
            foreach (var table in _factTables)
            {
                await _lake.Store.DeleteAsync(LakeLayout.PartitionTail(table, symbol.Value), cancellationToken).ConfigureAwait(false);
            }
        }

        var toWrite = GoldFiles.Split(symbol, partitions, plan);
        string[] written;
        if (fingerprint is null)
        {
            written = await _lake.Partitions.ReplaceAllAsync(partitions, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var kept = plan is { Alone: true } ? files.KeptFiles : [];
            written = (await _lake.Partitions.ReplaceFilesAsync(
                toWrite,
                published => [StageState.ToObject(StageState.Key(_stateTable, symbol), new GoldPartitionState(fingerprint, [.. kept, .. published], lastDate, rebuildRejects)
                {
                    Inputs = lineage is null ? null : GoldChangeRule.InputsOf(lineage.Silver, lineage.Context, bars) with { FileDigest = lineage.FileDigest },
                    Change = change,
                    TailFrom = plan is null ? null : bars.TradeDate[plan.Cut],
                    Resume = resume,
                })],
                cancellationToken).ConfigureAwait(false)).Select(p => p.Key).ToArray();
        }

        if (changeRows is not null)
        {
            // Kept only once the partitions and the state naming the run's change files are published.
            _changes.Add(symbol, changeRows);
        }

        var outcome = new PartitionOutcome(symbol.Value, bars.Count, toWrite.Sum(f => (long)f.Batch.RowCount), written, rebuildRejects, lastDate, Elapsed(started));
        return fingerprint is null ? await RecordAsync(symbol, null, outcome, cancellationToken).ConfigureAwait(false) : outcome;
    }

    /// <summary>Writes the state of <paramref name="symbol"/> for an outcome that recorded no partitions, and returns the outcome.</summary>
    private async Task<PartitionOutcome> RecordAsync(Symbol symbol, string? fingerprint, PartitionOutcome outcome, CancellationToken cancellationToken)
    {
        await StageState.WriteAsync(_lake.Store, StageState.Key(_stateTable, symbol), new GoldPartitionState(fingerprint, [], outcome.LastDate, outcome.Rejects), cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>
    /// Writes the run's fact_stock_price quarantine file from the partitions' rejects and the run's change files of both
    /// fact tables when <see cref="RunChangedPartitionAsync"/> kept rows for them (<see cref="GoldChangeRows"/>), and
    /// replaces dim_date, which covers the run's end and every bar in the lake (a lake may hold later data than the
    /// run's end) through the end of the following year.
    /// </summary>
    public async Task<PartitionOutcome> FinishAsync(DateOnly runEnd, IReadOnlyCollection<PartitionOutcome> partitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var started = Stopwatch.GetTimestamp();
        var written = new List<string>(await QuarantineOrder.WriteAsync(_lake, _lake.Schemas[LakeNames.FactStockPrice], partitions, cancellationToken).ConfigureAwait(false));
        written.AddRange(await _changes.WriteAsync(_lake, _factTables, cancellationToken).ConfigureAwait(false));
        var dimDate = DimDateBuilder.Build(CalendarStart, CalendarEnd(runEnd, partitions.Select(o => o.LastDate).OfType<DateOnly>()));
        written.Add(await _lake.Partitions.ReplaceAsync(_lake.Schemas[LakeNames.DimDate], null, dimDate, cancellationToken).ConfigureAwait(false));
        return new PartitionOutcome(null, 0, dimDate.RowCount, written, [], null, Elapsed(started));
    }

    /// <summary>
    /// Deletes the change files of every run that no gold state this stage wrote or left unchanged names. Call it after
    /// <see cref="FinishAsync"/>, and only when <see cref="RunChangedPartitionAsync"/> ran for every symbol with a
    /// silver partition (the states of symbols not run may name other runs' files): a load then merges a symbol whose
    /// file is gone from its partition file, so deleting too much costs time and nothing else. The Spark host never
    /// calls it: its tasks record no change files, and its driver sees none of their states.
    /// </summary>
    public Task DeleteSupersededChangesAsync(CancellationToken cancellationToken) =>
        _changes.DeleteSupersededAsync(_lake, _factTables, cancellationToken);

    /// <summary>
    /// dim_date's last day: the end of the year after the later of the run's end and the newest bar, so a lake
    /// holding later data than the run's end still finds every date, whichever engine builds it.
    /// </summary>
    public static DateOnly CalendarEnd(DateOnly runEnd, IEnumerable<DateOnly> lastBars)
    {
        var latest = lastBars.Append(runEnd).Max();
        return new DateOnly(latest.Year + 1, 12, 31);
    }

    /// <summary>Rebuilds the symbol's silver partition from its raw objects; null when the lake has none.</summary>
    private async Task<(RecordBatch? Batch, IReadOnlyList<QuarantineRecord> Rejects)> RebuildSilverAsync(Symbol symbol, CancellationToken cancellationToken)
    {
        var silver = new SilverStage(_lake);
        var raw = await silver.ListRawAsync([symbol], cancellationToken).ConfigureAwait(false);
        if (!raw.TryGetValue(symbol, out var bodies))
        {
            return (null, []);
        }

        var rebuilt = await silver.RunPartitionAsync(symbol, bodies, _lake.Store.ReadAsync, cancellationToken).ConfigureAwait(false);
        return (await _lake.Partitions.ReadAsync(Silver, symbol.Value, cancellationToken).ConfigureAwait(false), rebuilt.Rejects);
    }

    /// <summary>A SHA-256 in hex over the code's version and the symbol's company versions: every input but silver's bars.</summary>
    private string Context(CompanyVersion[] versions)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(_code));
        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(versions));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// A SHA-256 in hex over the <see cref="Context"/> and the silver partition's bytes, its file's (by its SHA-256,
    /// <paramref name="fileDigest"/>) and then its tail's when it has one: everything the partition function reads.
    /// </summary>
    private static string Fingerprint(string context, string fileDigest, byte[]? tail)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(context));
        hash.AppendData(Convert.FromHexString(fileDigest));
        if (tail is not null)
        {
            hash.AppendData(SHA256.HashData(tail));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
