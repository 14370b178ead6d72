using System.CommandLine;
using Serilog.Events;
using Spectre.Console;
using StockLakehouse.Cli.Locking;
using StockLakehouse.Cli.Options;
using StockLakehouse.Cli.Output;
using StockLakehouse.Cli.Pipeline;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Extractor.Catalog;

namespace StockLakehouse.Cli;

/// <summary>The <c>lakehouse</c> command line: run, extract, transform, load and check, sharing one set of options.</summary>
public sealed class LakehouseCommands
{
    private readonly Option<string?> _out = new("--out", "-o") { Description = "Output folder (default ./out; the temporary folder when --lake is gs://): the lake goes in <out>/lake, the warehouse in <out>/warehouse/lakehouse.duckdb." };
    private readonly Option<string?> _lake = new("--lake") { Description = "The lake: a folder (default <out>/lake) or, for extract, gs://bucket[/prefix] in Cloud Storage (Application Default Credentials; STORAGE_EMULATOR_HOST selects an emulator)." };
    private readonly Option<string?> _symbols = new("--symbols", "-s") { Description = "Comma-separated symbols, e.g. AAPL,MSFT (default: every company in the reference file; for transform, every symbol with raw daily bars in the lake)." };
    private readonly Option<string?> _symbolsFile = new("--symbols-file") { Description = "A file with one symbol per line (or a CSV whose first column is the symbol)." };
    private readonly Option<bool> _symbolsFromListing = new("--symbols-from-listing") { Description = "Every active listing on a known exchange in the newest Alpha Vantage LISTING_STATUS landed in the local lake (land one with: extract --source alphavantage --datasets listing_status)." };
    private readonly Option<string?> _start = new("--start", "--from") { Description = "First date, yyyy-MM-dd (default: two years before --end; 2024-01-01 for the simulated market without --end)." };
    private readonly Option<string?> _end = new("--end", "--to") { Description = "Last date, inclusive, yyyy-MM-dd (default: 2025-12-31 for the simulated market and for transform and load; for check, the end of the newest run, or transform given --end, in the lake; for a live source, the last session that has closed in New York)." };
    private readonly Option<ulong?> _seed = new("--seed") { Description = "Seed of the simulated market (default 42); the same seed gives the same tables." };
    private readonly Option<bool> _noDefects = new("--no-defects") { Description = "Make the simulated market emit no defective records." };
    private readonly Option<int?> _parallelism = new("--parallelism", "-p") { Description = "Symbol partitions processed at once (default: the number of cores)." };
    private readonly Option<string?> _reference = new("--reference") { Description = "Folder with companies.csv and exchanges.csv (default: the data/reference shipped with the tool)." };
    private readonly Option<bool> _verbose = new("--verbose", "-v") { Description = "Show debug messages on the console." };
    private readonly Option<string?> _source = new("--source") { Description = "Where extract gets data: simulated (default, offline), yahoo, alphavantage, import (a folder of responses) or reference (the ERP company CSV)." };
    private readonly Option<string?> _mode = new("--mode") { Description = "backfill (default): exactly --from..--to; daily: each symbol from its watermark minus --lookback trading days to --to." };
    private readonly Option<int?> _lookback = new("--lookback") { Description = "Daily mode: trading days before the watermark fetched again so late corrections arrive (default 5)." };
    private readonly Option<string?> _importFolder = new("--import-folder") { Description = "Import source: the folder of Yahoo chart or Alpha Vantage daily JSON files to land." };
    private readonly Option<string?> _importFormat = new("--import-format") { Description = "Import source: auto (default), yahoo or alphavantage." };
    private readonly Option<string?> _referenceFile = new("--reference-file") { Description = "Reference source: the company (ERP) CSV file to land." };
    private readonly Option<string?> _datasets = new("--datasets") { Description = "Alpha Vantage: comma-separated time_series_daily (default), overview, listing_status." };
    private readonly Option<string?> _keyFile = new("--alphavantage-key-file") { Description = "Alpha Vantage: a file holding the API key (default: the ALPHAVANTAGE_API_KEY environment variable)." };
    private readonly Option<bool> _fullOutput = new("--full-output") { Description = "Alpha Vantage: ask for the whole daily history (outputsize=full, a premium feature) instead of the last 100 sessions." };
    private readonly Option<bool> _allowIncomplete = new("--allow-incomplete") { Description = "Exit 0 instead of 4 when some extract requests landed nothing (the manifest still lists them); for schedulers that should go on with what landed." };
    private readonly Option<string?> _baseUrl = new("--base-url") { Description = "Yahoo or Alpha Vantage: the API's base URL (for a proxy or a mirror)." };
    private readonly Option<int?> _maxConcurrency = new("--max-concurrency") { Description = "Yahoo: requests in flight at once (default 2)." };
    private readonly Option<double?> _requestsPerSecond = new("--requests-per-second") { Description = "Yahoo: request rate (default 2 per second)." };
    private readonly Option<int?> _requestsPerMinute = new("--requests-per-minute") { Description = "Alpha Vantage: requests per minute (default 5)." };
    private readonly Option<int?> _requestsPerDay = new("--requests-per-day") { Description = "Alpha Vantage: requests per day, the key's daily cap (default 25, the free tier)." };
    private readonly Option<double?> _timeout = new("--timeout") { Description = "Yahoo or Alpha Vantage: seconds before a request is abandoned and retried (default 30)." };
    private readonly Option<int?> _maxAttempts = new("--max-attempts") { Description = "Yahoo or Alpha Vantage: attempts per request, retries of 429, 5xx and timeouts included (default 4)." };
    private readonly TimeProvider _clock;
    private readonly IAnsiConsole _console;
    private readonly TextWriter _error;

    public LakehouseCommands(TimeProvider clock, IAnsiConsole console, TextWriter error)
    {
        _clock = clock;
        _console = console;
        _error = error;
    }

    public RootCommand Build()
    {
        var root = new RootCommand(
            "StockLakehouse: extract market data, land it raw, build silver and a gold star schema, load the warehouse and check it.\n"
            + "Exit codes: 0 success, 1 a data-quality check failed, 2 bad arguments or inputs or the lake is being written by another process,\n3 a stage failed, "
            + "4 some extract requests landed nothing (listed in the run manifest; the next run fetches them), 130 cancelled.");
        root.Add(Command("run", "Run the whole pipeline: extract, silver, gold, load, check.", PipelineStage.Extract, PipelineStage.Silver, PipelineStage.Gold, PipelineStage.Load, PipelineStage.Check));
        root.Add(Command("extract", "Land raw responses for the symbols and dates (the simulated market by default); never overwrites or duplicates a raw object.", PipelineStage.Extract));
        root.Add(Command("transform", "Build silver (parse, validate, dedupe, quarantine) and gold (star schema) from the raw layer.", PipelineStage.Silver, PipelineStage.Gold));
        root.Add(Command("load", "Merge the gold tables into the DuckDB warehouse; rerunning changes nothing.", PipelineStage.Load));
        root.Add(Command("check", "Run the data-quality checks of schemas/ against the warehouse.", PipelineStage.Check));
        root.Add(new Cloud.ArtifactsCommand(_console.Profile.Out.Writer, _error).Create());
        root.Add(new Cloud.DeployCommand(_clock, _console.Profile.Out.Writer, _error).Create());
        root.Add(new Dashboard.DashboardCommand(_clock, _console.Profile.Out.Writer, _error).Create());
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>; <paramref name="cancellationToken"/> (Ctrl+C or SIGTERM, from
    /// <see cref="Signals.TerminationSignals"/>) stops a run between batches, and nothing ends the process under it.
    /// </summary>
    public async Task<int> InvokeAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await _error.WriteLineAsync($"lakehouse: {error.Message}").ConfigureAwait(false);
            }

            await _error.WriteLineAsync("Run 'lakehouse --help' for the commands and options.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        // No termination timeout: System.CommandLine would otherwise handle the signals itself and end the process
        // two seconds after one, before the run has written its manifest.
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, cancellationToken).ConfigureAwait(false);
    }

    private Command Command(string name, string description, params PipelineStage[] stages)
    {
        var command = new Command(name, description) { _out, _lake, _symbols, _symbolsFile, _symbolsFromListing, _start, _end, _parallelism, _reference, _verbose };
        if (stages.Contains(PipelineStage.Extract))
        {
            Option[] extractOptions = [_source, _mode, _lookback, _seed, _noDefects, _importFolder, _importFormat, _referenceFile, _datasets, _keyFile, _fullOutput, _allowIncomplete, _baseUrl, _maxConcurrency, _requestsPerSecond, _requestsPerMinute, _requestsPerDay, _timeout, _maxAttempts];
            foreach (var option in extractOptions)
            {
                command.Add(option);
            }
        }

        command.SetAction((parse, cancellationToken) => ExecuteAsync(name, stages, parse, cancellationToken));
        return command;
    }

    private async Task<int> ExecuteAsync(string name, PipelineStage[] stages, ParseResult parse, CancellationToken cancellationToken)
    {
        LakehouseOptions options;
        SchemaCatalog schemas;
        try
        {
            options = OptionResolver.Resolve(Values(parse), name, _clock);
            schemas = SchemaCatalog.LoadDefault();
            if (stages.Contains(PipelineStage.Extract))
            {
                // The sources' own configuration (key, folders, files) is checked before anything is written;
                // the run builds them again with its logger.
                _ = ExtractSourceCatalog.Create(options.Extract.Source, options.Reference, _clock, Serilog.Core.Logger.None);
                OptionResolver.EnsureSessions(options);
            }

            if (stages.Contains(PipelineStage.Load))
            {
                // Found before extract and transform run, not at load after them.
                OptionResolver.EnsureWritable(Path.GetDirectoryName(options.WarehousePath)!, "warehouse");
            }

            if (stages is [PipelineStage.Check] && !File.Exists(options.WarehousePath))
            {
                throw new UsageException($"There is no warehouse at '{options.WarehousePath}' to check; run load first.");
            }
        }
        catch (Exception e) when (e is UsageException or InvalidDataException or DirectoryNotFoundException or SourceConfigurationException)
        {
            await _error.WriteLineAsync($"lakehouse {name}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        var runId = RunIds.New(_clock);
        var logFile = Path.Combine(options.LocalRunsFolder, LakeLayout.RunFolder(runId), "log.json");
        var interactive = _console.Profile.Capabilities.Interactive && !Console.IsErrorRedirected;
        var verbose = parse.GetValue(_verbose);
        var consoleLevel = verbose ? LogEventLevel.Debug : interactive ? LogEventLevel.Warning : LogEventLevel.Information;
        var log = LoggingSetup.Create(logFile, consoleLevel, runId, consoleStackTraces: verbose);
        var code = ExitCodes.StageFailed;
        try
        {
            code = await RunAsync(name, stages, options, schemas, runId, log, logFile, interactive, verbose, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                // Flushes log.json: a failure here is reported, and never replaces the run's own outcome.
                log.Dispose();
            }
            catch (IOException e)
            {
                var reason = DiskFull.Caused(e) ? "no space left on device" : e.Message;
                await _error.WriteLineAsync($"lakehouse {name}: the run's log '{logFile}' could not be written completely: {reason}").ConfigureAwait(false);
            }
        }

        return code;
    }

    private async Task<int> RunAsync(string name, PipelineStage[] stages, LakehouseOptions options, SchemaCatalog schemas, string runId, Serilog.ILogger log, string logFile, bool interactive, bool verbose, CancellationToken cancellationToken)
    {
        log.Information(
            "Run {RunId}: {Command} for {Symbols} from {Start} to {End}, lake {Lake}",
            runId,
            name,
            options.EveryLakeSymbol ? "every symbol in the lake" : $"{options.Symbols.Count} symbols",
            options.Start,
            options.End,
            options.Lake);
        IReadOnlyList<ExtractSource> sources = [];
        ILakeLock writerLock;
        try
        {
            if (stages.Contains(PipelineStage.Extract))
            {
                sources = ExtractSourceCatalog.Create(options.Extract.Source, options.Reference, _clock, log);
            }

            writerLock = await LakeLocks.AcquireAsync(options.Lake, LakeWriter.Current(name, runId, _clock.GetUtcNow()), _clock, log, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SourceConfigurationException or LakeLockedException)
        {
            log.ForContext(LoggingSetup.PrintedByCommand, true).Error("Run {RunId}: {Problem}", runId, e.Message);
            await _error.WriteLineAsync($"lakehouse {name}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        await using var held = writerLock.ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, writerLock.Lost);
        try
        {
            PipelineResult result;
            if (interactive)
            {
                result = await _console.Progress().AutoClear(false).StartAsync(context =>
                {
                    var live = new LiveProgress(context);
                    return new LakehousePipeline(options, schemas, sources, log, _clock, _ => live).RunAsync(name, runId, stages, stop.Token);
                }).ConfigureAwait(false);
            }
            else
            {
                result = await new LakehousePipeline(options, schemas, sources, log, _clock, _ => new ProgressReporter(log)).RunAsync(name, runId, stages, stop.Token).ConfigureAwait(false);
            }

            RunSummary.Print(_console, result, options);
            return result.Status switch
            {
                RunStatus.ChecksFailed => ExitCodes.ChecksFailed,
                RunStatus.ExtractIncomplete when !options.Extract.AllowIncomplete => ExitCodes.ExtractIncomplete,
                _ => ExitCodes.Success,
            };
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            var why = writerLock.Lost.IsCancellationRequested ? "the lake's writer lock was taken over" : "cancelled";
            log.Warning("Run {RunId} stopped: {Reason}; objects that had landed are kept and the manifest says cancelled", runId, why);
            await _error.WriteLineAsync($"lakehouse {name}: {why}; what had landed is kept.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            // One line on the console; the stack trace goes to log.json (and to the console with --verbose).
            log.ForContext(LoggingSetup.PrintedByCommand, !verbose).Fatal(e, "Run {RunId} failed", runId);
            var message = DiskFull.Caused(e) ? $"no space left on device: {e.Message}" : e.Message;
            await _error.WriteLineAsync($"lakehouse {name}: {message}").ConfigureAwait(false);
            await _error.WriteLineAsync($"The run's log is {logFile}.").ConfigureAwait(false);
            return ExitCodes.StageFailed;
        }
    }

    private CommandLineValues Values(ParseResult parse) => new()
    {
        Output = parse.GetValue(_out),
        Lake = parse.GetValue(_lake),
        Symbols = parse.GetValue(_symbols),
        SymbolsFile = parse.GetValue(_symbolsFile),
        SymbolsFromListing = parse.GetValue(_symbolsFromListing),
        Start = parse.GetValue(_start),
        End = parse.GetValue(_end),
        Parallelism = parse.GetValue(_parallelism),
        Reference = parse.GetValue(_reference),
        Seed = parse.GetValue(_seed) ?? OptionDefaults.Seed,
        SeedGiven = parse.GetValue(_seed) is not null,
        NoDefects = parse.GetValue(_noDefects),
        Source = parse.GetValue(_source),
        Mode = parse.GetValue(_mode),
        Lookback = parse.GetValue(_lookback),
        ImportFolder = parse.GetValue(_importFolder),
        ImportFormat = parse.GetValue(_importFormat),
        ReferenceFile = parse.GetValue(_referenceFile),
        Datasets = parse.GetValue(_datasets),
        AlphaVantageKeyFile = parse.GetValue(_keyFile),
        FullOutput = parse.GetValue(_fullOutput),
        AllowIncomplete = parse.GetValue(_allowIncomplete),
        BaseUrl = parse.GetValue(_baseUrl),
        MaxConcurrency = parse.GetValue(_maxConcurrency),
        RequestsPerSecond = parse.GetValue(_requestsPerSecond),
        RequestsPerMinute = parse.GetValue(_requestsPerMinute),
        RequestsPerDay = parse.GetValue(_requestsPerDay),
        TimeoutSeconds = parse.GetValue(_timeout),
        MaxAttempts = parse.GetValue(_maxAttempts),
    };
}
