using System.CommandLine;
using Serilog.Events;
using Spectre.Console;
using StockLakehouse.Cli.Options;
using StockLakehouse.Cli.Output;
using StockLakehouse.Cli.Pipeline;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Cli;

/// <summary>The <c>lakehouse</c> command line: run, extract, transform, load and check, sharing one set of options.</summary>
public sealed class LakehouseCommands
{
    private readonly Option<string> _out = new("--out", "-o") { Description = "Output folder: the lake goes in <out>/lake, the warehouse in <out>/warehouse/lakehouse.duckdb.", DefaultValueFactory = _ => OptionDefaults.OutputFolder };
    private readonly Option<string?> _symbols = new("--symbols", "-s") { Description = "Comma-separated symbols, e.g. AAPL,MSFT (default: every company in the reference file)." };
    private readonly Option<string?> _symbolsFile = new("--symbols-file") { Description = "A file with one symbol per line (or a CSV whose first column is the symbol)." };
    private readonly Option<string?> _start = new("--start") { Description = "First date, yyyy-MM-dd (default 2024-01-01, or two years before --end)." };
    private readonly Option<string?> _end = new("--end") { Description = "Last date, inclusive, yyyy-MM-dd (default 2025-12-31)." };
    private readonly Option<ulong> _seed = new("--seed") { Description = "Seed of the simulated market; the same seed gives the same tables.", DefaultValueFactory = _ => OptionDefaults.Seed };
    private readonly Option<bool> _noDefects = new("--no-defects") { Description = "Make the simulated market emit no defective records." };
    private readonly Option<int?> _parallelism = new("--parallelism", "-p") { Description = "Symbol partitions processed at once (default: the number of cores)." };
    private readonly Option<string?> _reference = new("--reference") { Description = "Folder with companies.csv and exchanges.csv (default: the data/reference shipped with the tool)." };
    private readonly Option<bool> _verbose = new("--verbose", "-v") { Description = "Show debug messages on the console." };
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
            + "Exit codes: 0 success, 1 a data-quality check failed, 2 bad arguments or inputs, 3 a stage failed, 130 cancelled.");
        root.Add(Command("run", "Run the whole pipeline: extract, silver, gold, load, check.", PipelineStage.Extract, PipelineStage.Silver, PipelineStage.Gold, PipelineStage.Load, PipelineStage.Check));
        root.Add(Command("extract", "Land raw responses for the symbols and dates (the simulated market by default); never overwrites or duplicates a raw object.", PipelineStage.Extract));
        root.Add(Command("transform", "Build silver (parse, validate, dedupe, quarantine) and gold (star schema) from the raw layer.", PipelineStage.Silver, PipelineStage.Gold));
        root.Add(Command("load", "Merge the gold tables into the DuckDB warehouse; rerunning changes nothing.", PipelineStage.Load));
        root.Add(Command("check", "Run the data-quality checks of schemas/ against the warehouse.", PipelineStage.Check));
        root.Add(new Cloud.ArtifactsCommand(_console.Profile.Out.Writer, _error).Create());
        root.Add(new Cloud.DeployCommand(_clock, _console.Profile.Out.Writer, _error).Create());
        return root;
    }

    public async Task<int> InvokeAsync(string[] args)
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

        return await parse.InvokeAsync().ConfigureAwait(false);
    }

    private Command Command(string name, string description, params PipelineStage[] stages)
    {
        var command = new Command(name, description) { _out, _symbols, _symbolsFile, _start, _end, _seed, _noDefects, _parallelism, _reference, _verbose };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(name, stages, parse, cancellationToken));
        return command;
    }

    private async Task<int> ExecuteAsync(string name, PipelineStage[] stages, ParseResult parse, CancellationToken cancellationToken)
    {
        LakehouseOptions options;
        SchemaCatalog schemas;
        try
        {
            options = OptionResolver.Resolve(
                parse.GetValue(_out),
                parse.GetValue(_symbols),
                parse.GetValue(_symbolsFile),
                parse.GetValue(_start),
                parse.GetValue(_end),
                parse.GetValue(_seed),
                parse.GetValue(_noDefects),
                parse.GetValue(_parallelism),
                parse.GetValue(_reference));
            schemas = SchemaCatalog.LoadDefault();
        }
        catch (Exception e) when (e is UsageException or InvalidDataException or DirectoryNotFoundException)
        {
            await _error.WriteLineAsync($"lakehouse {name}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        var runId = RunIds.New(_clock);
        var logFile = Path.Combine(options.LakeFolder, LakeLayout.RunFolder(runId), "log.json");
        var interactive = _console.Profile.Capabilities.Interactive && !Console.IsErrorRedirected;
        var consoleLevel = parse.GetValue(_verbose) ? LogEventLevel.Debug : interactive ? LogEventLevel.Warning : LogEventLevel.Information;
        using var log = LoggingSetup.Create(logFile, consoleLevel, runId);
        log.Information("Run {RunId}: {Command} for {Symbols} symbols from {Start} to {End} into {Output}", runId, name, options.Symbols.Count, options.Start, options.End, options.OutputFolder);
        try
        {
            PipelineResult result;
            if (interactive)
            {
                result = await _console.Progress().AutoClear(false).StartAsync(context =>
                {
                    var live = new LiveProgress(context);
                    return new LakehousePipeline(options, schemas, log, _clock, _ => live).RunAsync(name, runId, stages, cancellationToken);
                }).ConfigureAwait(false);
            }
            else
            {
                result = await new LakehousePipeline(options, schemas, log, _clock, _ => new ProgressReporter(log)).RunAsync(name, runId, stages, cancellationToken).ConfigureAwait(false);
            }

            RunSummary.Print(_console, result, options);
            return result.Failures.Count > 0 ? ExitCodes.ChecksFailed : ExitCodes.Success;
        }
        catch (OperationCanceledException)
        {
            log.Warning("Run {RunId} cancelled; objects that had landed are kept", runId);
            await _error.WriteLineAsync($"lakehouse {name}: cancelled; what had landed is kept.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            log.Fatal(e, "Run {RunId} failed", runId);
            await _error.WriteLineAsync($"lakehouse {name}: {e.Message}").ConfigureAwait(false);
            await _error.WriteLineAsync($"The run's log is {logFile}.").ConfigureAwait(false);
            return ExitCodes.StageFailed;
        }
    }
}
