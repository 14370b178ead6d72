using System.Diagnostics;
using Serilog;
using StockLakehouse.Cli.Options;
using StockLakehouse.Cloud.Gcs;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Checks;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Parquet;
using StockLakehouse.Core.Progress;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Warehouse;
using StockLakehouse.Extractor.Catalog;
using StockLakehouse.Jobs.Local;
using StockLakehouse.Jobs.Stages;
using StockLakehouse.Warehouse;

namespace StockLakehouse.Cli.Pipeline;

/// <summary>
/// Runs the chosen stages in order over the local lake and warehouse, times each one, and writes the run
/// manifest whatever happens (a failed run's manifest says which stage failed and why).
/// </summary>
public sealed class LakehousePipeline
{
    /// <summary>
    /// Symbol partitions merged into the warehouse per transaction: bounds the load's memory by a batch (at
    /// 5,000 symbols × 20 years a single MERGE of all 25 M rows peaked at 3.7 GB) at the cost of one scan of
    /// the target per batch.
    /// </summary>
    public const int LoadBatchPartitions = 500;

    private readonly CommonSettings _options;
    private readonly ExtractSettings? _extract;
    private readonly SchemaCatalog _schemas;
    private readonly IReadOnlyList<ExtractSource> _sources;
    private readonly ILogger _log;
    private readonly TimeProvider _clock;
    private readonly Func<PipelineStage, IProgress<StageProgress>?> _progress;
    private IReadOnlyList<Symbol>? _lakeSymbols;

    /// <param name="settings">The command's settings; its extract settings only for a command that extracts.</param>
    /// <param name="sources">The sources the extract stage runs (from <see cref="ExtractSourceCatalog"/>); empty when the command does not extract.</param>
    public LakehousePipeline(CommandSettings settings, SchemaCatalog schemas, IReadOnlyList<ExtractSource> sources, ILogger log, TimeProvider clock, Func<PipelineStage, IProgress<StageProgress>?> progress)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _options = settings.Common;
        _extract = settings.Extract;
        _schemas = schemas;
        _sources = sources;
        _log = log;
        _clock = clock;
        _progress = progress;
    }

    /// <summary>
    /// Runs <paramref name="stages"/> in order, stopping between batches when <paramref name="cancellationToken"/> is
    /// cancelled. The caller holds the lake's writer lock, so every staging file found at the start is a leftover of an
    /// interrupted run and is removed, however recent.
    /// </summary>
    public async Task<PipelineResult> RunAsync(string command, string runId, IReadOnlyList<PipelineStage> stages, CancellationToken cancellationToken)
    {
        var startedAt = _clock.GetUtcNow();
        var store = LakeStores.Open(_options.Lake, _log);
        if (store is LocalDirectoryObjectStore local && local.SweepStagingFiles(TimeSpan.Zero, startedAt) is > 0 and var swept)
        {
            _log.Warning("Removed {Files} staging files left behind by an interrupted run", swept);
        }

        var parquet = new ParquetFiles();
        var lake = new LakeContext(runId, store, new PartitionStore(store, parquet), _schemas, _options.Reference, NyseCalendar.Instance, _options.TransformParallelism);
        // One silver job for the run: the raw listing it opens to name the lake's symbols is the one its run then uses.
        var silverJob = new LocalSilverJob(lake);
        var symbols = _options.Symbols;
        var records = new List<StageRecord>();
        var tables = new Dictionary<string, long>();
        IReadOnlyList<CheckResult> checks = [];
        var failures = new List<string>();
        string? error = null;
        var status = RunStatus.Succeeded;
        try
        {
            foreach (var stage in stages)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = _clock.GetUtcNow();
                var watch = Stopwatch.StartNew();
                _log.Information("Stage {Stage} started", stage.Name());
                var record = stage switch
                {
                    PipelineStage.Extract => await new ExtractStage(_options, _extract ?? throw new InvalidOperationException("The extract stage runs only for a command that has the extract options."), store, _log, _clock)
                        .RunAsync(_sources, started, _progress(stage), partial => records.Add(partial with { DurationMs = watch.ElapsedMilliseconds }), cancellationToken)
                        .ConfigureAwait(false),
                    PipelineStage.Silver => Record(PipelineStage.Silver, started, await silverJob.RunAsync(symbols = await SymbolsAsync(silverJob, cancellationToken).ConfigureAwait(false), _progress(stage), cancellationToken).ConfigureAwait(false)),
                    PipelineStage.Gold => Record(PipelineStage.Gold, started, await new LocalGoldJob(lake).RunAsync(symbols = await GoldSymbolsAsync(lake, silverJob, cancellationToken).ConfigureAwait(false), _options.End, _progress(stage), cancellationToken).ConfigureAwait(false)),
                    PipelineStage.Load => await LoadAsync(runId, store, started, tables, cancellationToken).ConfigureAwait(false),
                    PipelineStage.Check => await CheckAsync(started, tables, results => checks = results, changedRowsOnly: stages.Contains(PipelineStage.Load), cancellationToken).ConfigureAwait(false),
                    _ => throw new ArgumentOutOfRangeException(nameof(stages), stage, "Unknown stage."),
                };
                record = record with { DurationMs = watch.ElapsedMilliseconds };
                records.Add(record);
                _log.Information(
                    "Stage {Stage} finished in {DurationMs} ms: {RecordsIn} in, {RecordsOut} out, {Rejects} rejected",
                    stage.Name(),
                    record.DurationMs,
                    record.RecordsIn,
                    record.RecordsOut,
                    record.Rejects.Values.Sum());
            }

            failures.AddRange(checks.Where(c => !c.Passed).Select(c => $"{c.Table}.{c.Name}"));
            if (failures.Count > 0)
            {
                status = RunStatus.ChecksFailed;
            }
            else if (records.Any(r => r.Stage == PipelineStage.Extract && ExtractStage.IsIncomplete(r)))
            {
                status = RunStatus.ExtractIncomplete;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status = RunStatus.Cancelled;
            error = "Stopped by the user; objects that had landed are kept.";
            throw;
        }
        catch (Exception e)
        {
            status = RunStatus.Failed;
            error = e.Message;
            throw;
        }
        finally
        {
            await WriteManifestAsync(store, new RunManifest(runId, command, status, error, startedAt, _clock.GetUtcNow(), DescribeOptions(symbols.Count), records, tables, checks)).ConfigureAwait(false);
        }

        var quarantine = store.LocalPath(LakeLayout.Quarantine(Layers.Silver, LakeNames.DailyBar, runId));
        return new PipelineResult(
            runId,
            records,
            tables,
            checks,
            failures,
            store.LocalPath(LakeLayout.Manifest(runId)) ?? $"{_options.Lake}/{LakeLayout.Manifest(runId)}",
            Path.Combine(_options.LocalRunsFolder, LakeLayout.RunFolder(runId), "log.json"),
            File.Exists(quarantine) ? quarantine : null)
        {
            Status = status,
            Symbols = symbols.Count,
        };
    }

    /// <summary>
    /// Writes the manifest. After a failed or cancelled run the stage's error is the one that matters: a manifest
    /// that cannot be written then (a full disk) is logged and does not replace it. After a run that went well, it is
    /// the run's error.
    /// </summary>
    private async Task WriteManifestAsync(IObjectStore store, RunManifest manifest)
    {
        try
        {
            await store.PutAsync(LakeLayout.Manifest(manifest.RunId), manifest.ToJson(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (manifest.Status is RunStatus.Failed or RunStatus.Cancelled && e is not OutOfMemoryException)
        {
            _log.Error(e, "Could not write the manifest of run {RunId} ({Status}) to {Key}", manifest.RunId, manifest.Status, LakeLayout.Manifest(manifest.RunId));
        }
    }

    /// <summary>The symbols gold covers: silver's, and with every symbol of the lake also those whose silver partition outlived their raw objects.</summary>
    private async Task<IReadOnlyList<Symbol>> GoldSymbolsAsync(LakeContext lake, LocalSilverJob silverJob, CancellationToken cancellationToken)
    {
        var symbols = await SymbolsAsync(silverJob, cancellationToken).ConfigureAwait(false);
        if (!_options.EveryLakeSymbol)
        {
            return symbols;
        }

        var silver = await new LocalGoldJob(lake).SilverSymbolsAsync(cancellationToken).ConfigureAwait(false);
        return symbols.Union(silver).OrderBy(s => s.Value, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The symbols silver covers: the chosen ones, or every symbol with raw daily bars in the lake.</summary>
    private async Task<IReadOnlyList<Symbol>> SymbolsAsync(LocalSilverJob silverJob, CancellationToken cancellationToken) =>
        _options.EveryLakeSymbol ? _lakeSymbols ??= await silverJob.RawSymbolsAsync(cancellationToken).ConfigureAwait(false) : _options.Symbols;

    private static StageRecord Record(PipelineStage stage, DateTimeOffset started, StageReport report) => new(
        stage,
        started,
        0,
        report.RecordsIn,
        report.RecordsOut,
        report.RejectsByReason,
        report.Stage switch
        {
            Layers.Silver => new Dictionary<string, object>
            {
                ["partitions_written"] = report.PartitionsWritten,
                ["tails_rewritten_alone"] = report.TailsRewrittenAlone,
                ["raw_listing"] = report.RawListing ?? "whole",
                ["raw_folders_listed"] = report.RawFoldersListed ?? 0,
            },
            Layers.Gold => new Dictionary<string, object> { ["partitions_written"] = report.PartitionsWritten, ["tails_rewritten_alone"] = report.TailsRewrittenAlone, ["symbols_resumed"] = report.SymbolsResumed },
            _ => new Dictionary<string, object> { ["partitions_written"] = report.PartitionsWritten },
        });

    /// <summary>The warehouse stage's load over the local DuckDB warehouse: every gold table in the stage's order, then the marts, committed last.</summary>
    /// <param name="store">The lake's store, where gold's state gives the load the fingerprints of the files gold wrote (<see cref="GoldStateFingerprints"/>).</param>
    private async Task<StageRecord> LoadAsync(string runId, IObjectStore store, DateTimeOffset started, Dictionary<string, long> tables, CancellationToken cancellationToken)
    {
        using var warehouse = DuckDbWarehouse.Open(_options.WarehousePath, _log);
        var fingerprints = new GoldStateFingerprints(store, _schemas[LakeNames.FactStockPrice], _options.Parallelism);
        var stage = new WarehouseStage(new DuckDbLakeWarehouse(warehouse, _options.LakeFolder, LoadBatchPartitions, fingerprints), MartCatalog.LoadDefault(), _log);
        var load = await stage.LoadAsync(runId, WarehouseStage.Tables(_schemas), _progress(PipelineStage.Load), cancellationToken).ConfigureAwait(false);
        var details = new Dictionary<string, object>();
        foreach (var result in load.Tables)
        {
            tables[result.Table] = result.RowsAfter ?? 0;
            details[result.Table] = new { rows_read = result.RowsRead, inserted = result.Inserted, updated = result.Updated, deleted = result.Deleted, rows_after = result.RowsAfter, partitions_from_a_date = result.PartitionsFromADate, partitions_from_change_files = result.PartitionsFromChangeFiles };
        }

        details["marts"] = load.Marts;
        details["warehouse"] = _options.WarehousePath;
        return new StageRecord(
            PipelineStage.Load,
            started,
            0,
            load.Tables.Sum(r => r.RowsRead ?? 0),
            load.Tables.Sum(r => (r.Inserted ?? 0) + (r.Updated ?? 0) + (r.Deleted ?? 0)),
            new Dictionary<string, long>(),
            details);
    }

    /// <summary>
    /// The warehouse stage's checks over the local DuckDB warehouse, which refuses a warehouse whose last load did not
    /// commit. After the run's own load (<paramref name="changedRowsOnly"/>) the row checks read only the rows loads
    /// changed since they last passed (<see cref="DuckDbLakeWarehouse.ChangedRowsOnly"/>); the check command alone reads
    /// every row.
    /// </summary>
    private async Task<StageRecord> CheckAsync(DateTimeOffset started, Dictionary<string, long> tables, Action<IReadOnlyList<CheckResult>> checks, bool changedRowsOnly, CancellationToken cancellationToken)
    {
        if (!File.Exists(_options.WarehousePath))
        {
            throw new InvalidOperationException($"There is no warehouse at '{_options.WarehousePath}' to check; run load first.");
        }

        using var warehouse = DuckDbWarehouse.Open(_options.WarehousePath, _log);
        var gold = WarehouseStage.Tables(_schemas);
        var stage = new WarehouseStage(new DuckDbLakeWarehouse(warehouse, _options.LakeFolder, LoadBatchPartitions) { ChangedRowsOnly = changedRowsOnly }, MartCatalog.LoadDefault(), _log);
        var results = await stage.CheckAsync(gold, LastBuild.ExpectedSession(_options.End), cancellationToken).ConfigureAwait(false);
        foreach (var table in gold)
        {
            tables[table.Name] = warehouse.RowCount(table.Name);
        }

        checks(results);
        return new StageRecord(
            PipelineStage.Check,
            started,
            0,
            results.Count,
            results.Count(r => r.Passed),
            results.Where(r => !r.Passed).ToDictionary(r => $"{r.Table}.{r.Name}", r => r.Violations),
            new Dictionary<string, object> { ["checks"] = results.Count, ["failed"] = results.Count(r => !r.Passed) });
    }

    /// <summary>
    /// The options the run was given, for the manifest, in the order they have always had there; the extract options
    /// (source, mode, seed, defects) only for a command that has them.
    /// </summary>
    private Dictionary<string, object> DescribeOptions(int symbols)
    {
        var options = new Dictionary<string, object>
        {
            ["output"] = _options.OutputFolder,
            ["symbols"] = symbols,
            ["start"] = _options.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["end"] = _options.End.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["end_given"] = _options.EndGiven,
            ["lake"] = _options.Lake,
        };
        if (_extract is not null)
        {
            options["source"] = _extract.Source.Source;
            options["mode"] = _extract.Mode.ToString().ToLowerInvariant();
            options["seed"] = _extract.Source.Seed;
            options["inject_defects"] = _extract.Source.InjectDefects;
        }

        options["parallelism"] = _options.Parallelism;
        options["transform_parallelism"] = _options.TransformParallelism;
        options["reference"] = _options.Reference.Directory;
        return options;
    }
}
