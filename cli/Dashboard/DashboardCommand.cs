using System.CommandLine;
using System.Globalization;
using Serilog.Events;
using StockLakehouse.Cli.Options;
using StockLakehouse.Cli.Output;
using StockLakehouse.Cloud.Gcs;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Dashboard;

namespace StockLakehouse.Cli.Dashboard;

/// <summary><c>lakehouse dashboard --out &lt;folder&gt;</c>: writes <c>&lt;out&gt;/dashboard/index.html</c> from the warehouse and the lake's runs (see <see cref="DashboardBuilder"/>).</summary>
public sealed class DashboardCommand
{
    public const string FolderName = "dashboard";
    public const string FileName = "index.html";

    private readonly Option<string> _out = new("--out", "-o") { Description = "The output folder of a run: reads <out>/warehouse/lakehouse.duckdb and <out>/lake, writes <out>/dashboard/index.html.", DefaultValueFactory = _ => OptionDefaults.OutputFolder };
    private readonly Option<string?> _lake = new("--lake") { Description = "The local lake whose run manifests and quarantine files the pipeline health view shows (default <out>/lake); a gs:// lake is not read." };
    private readonly Option<bool> _verbose = new("--verbose", "-v") { Description = "Show debug messages on the console." };
    private readonly Option<string?> _symbols = new("--symbols", "-s") { Description = "Comma-separated symbols whose candlesticks are always embedded, past the --chart-symbols cap." };
    private readonly Option<int> _chartSymbols = new("--chart-symbols") { Description = $"At most this many symbols get candlesticks and indicators embedded (default {DashboardOptions.DefaultChartSymbols}): every symbol up to it, past it --symbols, the correlation symbols and the most traded by value; every symbol stays searchable with its latest snapshot.", DefaultValueFactory = _ => DashboardOptions.DefaultChartSymbols };
    private readonly Option<int> _chartSessions = new("--chart-sessions") { Description = $"Sessions of each charted symbol embedded, the latest (default {DashboardOptions.DefaultChartSessions}, two years).", DefaultValueFactory = _ => DashboardOptions.DefaultChartSessions };
    private readonly TimeProvider _clock;
    private readonly TextWriter _output;
    private readonly TextWriter _error;

    public DashboardCommand(TimeProvider clock, TextWriter output, TextWriter error)
    {
        _clock = clock;
        _output = output;
        _error = error;
    }

    /// <summary>Where the dashboard of an output folder is written.</summary>
    public static string PagePath(string outputFolder) => Path.Combine(outputFolder, FolderName, FileName);

    public Command Create()
    {
        var command = new Command("dashboard", "Write a self-contained HTML dashboard (market, symbols, pipeline health) from the warehouse and the lake's runs; it opens from disk with no server or network.")
        {
            _out, _lake, _symbols, _chartSymbols, _chartSessions, _verbose,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(parse, cancellationToken));
        return command;
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        DashboardOptions options;
        try
        {
            options = Resolve(parse);
        }
        catch (UsageException e)
        {
            await _error.WriteLineAsync($"lakehouse dashboard: {e.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        using var log = LoggingSetup.CreateConsoleOnly(parse.GetValue(_verbose) ? LogEventLevel.Debug : LogEventLevel.Warning);
        try
        {
            var builder = new DashboardBuilder(SchemaCatalog.LoadDefault(), MartCatalog.LoadDefault(), _clock, log);
            var result = await builder.BuildAsync(options, cancellationToken).ConfigureAwait(false);
            await _output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Wrote {result.OutputFile} ({result.Bytes / 1024.0 / 1024.0:F1} MB: {result.Symbols} symbols, {result.ChartedSymbols} charted, {result.Runs} runs) in {result.Elapsed.TotalSeconds:F1} s.")).ConfigureAwait(false);
            await _output.WriteLineAsync($"Open it in a browser: file://{result.OutputFile}").ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (OperationCanceledException)
        {
            await _error.WriteLineAsync("lakehouse dashboard: cancelled; the previous page, if any, is unchanged.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or DuckDB.NET.Data.DuckDBException)
        {
            // InvalidDataException: a run manifest or quarantine line the page cannot read; the message names the file.
            log.Debug(e, "The dashboard was not written");
            await _error.WriteLineAsync($"lakehouse dashboard: {e.Message}").ConfigureAwait(false);
            return ExitCodes.StageFailed;
        }
    }

    private DashboardOptions Resolve(ParseResult parse)
    {
        var output = parse.GetValue(_out)!;
        var chartSymbols = parse.GetValue(_chartSymbols);
        var chartSessions = parse.GetValue(_chartSessions);
        if (chartSymbols < 0)
        {
            throw new UsageException($"--chart-symbols must be 0 or more, not {chartSymbols}.");
        }

        if (chartSessions < 1)
        {
            throw new UsageException($"--chart-sessions must be at least 1, not {chartSessions}.");
        }

        var pinned = new List<string>();
        foreach (var text in (parse.GetValue(_symbols) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            pinned.Add(Core.Domain.Symbol.TryParse(text, out var symbol) ? symbol.Value : throw new UsageException($"--symbols: '{text}' is not a valid symbol."));
        }

        if (!DashboardBuilder.HasChartingLibrary)
        {
            throw new UsageException(DashboardBuilder.MissingChartingLibrary);
        }

        var warehouse = CommonSettings.WarehouseIn(output);
        if (!File.Exists(warehouse))
        {
            throw new UsageException($"There is no warehouse at '{warehouse}'; run 'make run' (or lakehouse run) with --out {output} first.");
        }

        var lake = parse.GetValue(_lake) ?? CommonSettings.LakeIn(output);
        if (LakeStores.IsGcs(lake))
        {
            throw new UsageException($"--lake '{lake}' is in Cloud Storage; the dashboard reads the run records of a local lake (copy its _runs and _quarantine folders, e.g. with gcloud storage cp -r, and pass that folder).");
        }

        var lakeFolder = LakeStores.LocalFolder(lake);
        if (!Directory.Exists(lakeFolder))
        {
            throw new UsageException($"The lake '{lakeFolder}' does not exist; pass the lake of the run that loaded {warehouse} with --lake, or run 'make run' first.");
        }

        // The session the freshness checks expect (check's default end: the newest run that built gold); with no
        // such run in the lake, the last session that has closed in New York.
        var expected = LastBuild.EndDate(lakeFolder) is { } end
            ? LastBuild.ExpectedSession(end)
            : NyseCalendar.Instance.LastCompletedSession(_clock.GetUtcNow());
        return new DashboardOptions(warehouse, lakeFolder, PagePath(output), expected, chartSymbols, chartSessions, pinned);
    }
}
