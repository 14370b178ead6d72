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

/// <summary>The <c>lakehouse</c> command line: run, extract, transform, load and check (each <see cref="PipelineCommand"/> with its option groups), and artifacts, deploy and dashboard.</summary>
public sealed class LakehouseCommands
{
    private readonly CommonOptionGroup _common = new();
    private readonly ExtractOptionGroup _extract = new();
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
        foreach (var command in PipelineCommand.All)
        {
            root.Add(Command(command));
        }

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

    private Command Command(PipelineCommand pipeline)
    {
        var command = new Command(pipeline.Name, pipeline.Description);
        _common.AddTo(command);
        if (pipeline.Extracts)
        {
            _extract.AddTo(command);
        }

        command.SetAction((parse, cancellationToken) => ExecuteAsync(pipeline, parse, cancellationToken));
        return command;
    }

    private async Task<int> ExecuteAsync(PipelineCommand command, ParseResult parse, CancellationToken cancellationToken)
    {
        var name = command.Name;
        var common = _common.Bind(parse);
        CommandSettings settings;
        SchemaCatalog schemas;
        try
        {
            settings = OptionResolver.Resolve(common, command.Extracts ? _extract.Bind(parse) : null, command, _clock);
            schemas = SchemaCatalog.LoadDefault();
            if (settings.Extract is { } extract)
            {
                // The sources' own configuration (key, folders, files) is checked before anything is written;
                // the run builds them again with its logger.
                _ = ExtractSourceCatalog.Create(extract.Source, settings.Common.Reference, _clock, Serilog.Core.Logger.None);
                OptionResolver.EnsureSessions(settings.Common, extract);
            }

            if (command.Loads)
            {
                // Found before extract and transform run, not at load after them.
                OptionResolver.EnsureWritable(Path.GetDirectoryName(settings.Common.WarehousePath)!, "warehouse");
            }

            if (command.OnlyChecks && !File.Exists(settings.Common.WarehousePath))
            {
                throw new UsageException($"There is no warehouse at '{settings.Common.WarehousePath}' to check; run load first.");
            }
        }
        catch (Exception e) when (e is UsageException or InvalidDataException or DirectoryNotFoundException or SourceConfigurationException)
        {
            await _error.WriteLineAsync($"lakehouse {name}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        var runId = RunIds.New(_clock);
        var logFile = Path.Combine(settings.Common.LocalRunsFolder, LakeLayout.RunFolder(runId), "log.json");
        var interactive = _console.Profile.Capabilities.Interactive && !Console.IsErrorRedirected;
        var verbose = common.Verbose;
        var consoleLevel = verbose ? LogEventLevel.Debug : interactive ? LogEventLevel.Warning : LogEventLevel.Information;
        var log = LoggingSetup.Create(logFile, consoleLevel, runId, consoleStackTraces: verbose);
        var code = ExitCodes.StageFailed;
        try
        {
            code = await RunAsync(command, settings, schemas, runId, log, logFile, interactive, verbose, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await LoggingSetup.CloseAsync(log, logFile, name, _error).ConfigureAwait(false);
        }

        return code;
    }

    private async Task<int> RunAsync(PipelineCommand command, CommandSettings settings, SchemaCatalog schemas, string runId, Serilog.ILogger log, string logFile, bool interactive, bool verbose, CancellationToken cancellationToken)
    {
        var name = command.Name;
        var stages = command.Stages;
        var options = settings.Common;
        log.Information(
            "Run {RunId}: {Command} for {Symbols} from {Start:yyyy-MM-dd} to {End:yyyy-MM-dd}, lake {Lake}",
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
            if (settings.Extract is { } extract)
            {
                sources = ExtractSourceCatalog.Create(extract.Source, options.Reference, _clock, log);
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
                    return new LakehousePipeline(settings, schemas, sources, log, _clock, _ => live).RunAsync(name, runId, stages, stop.Token);
                }).ConfigureAwait(false);
            }
            else
            {
                result = await new LakehousePipeline(settings, schemas, sources, log, _clock, _ => new ProgressReporter(log)).RunAsync(name, runId, stages, stop.Token).ConfigureAwait(false);
            }

            RunSummary.Print(_console, result, settings);
            return result.Status switch
            {
                RunStatus.ChecksFailed => ExitCodes.ChecksFailed,
                RunStatus.ExtractIncomplete when settings.Extract is not { AllowIncomplete: true } => ExitCodes.ExtractIncomplete,
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
}
