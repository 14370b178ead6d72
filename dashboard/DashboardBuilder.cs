using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Serilog;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Dashboard.Page;
using StockLakehouse.Dashboard.Runs;
using StockLakehouse.Dashboard.Warehouse;
using StockLakehouse.Warehouse;

namespace StockLakehouse.Dashboard;

/// <summary>
/// Builds the dashboard: reads the market views and the symbols' charts from the warehouse, the runs' health from the
/// lake, and writes one self-contained HTML page (replaced atomically: written aside, then moved over the old one).
/// </summary>
public sealed class DashboardBuilder
{
    private readonly SchemaCatalog _schemas;
    private readonly MartCatalog _marts;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;

    public DashboardBuilder(SchemaCatalog schemas, MartCatalog marts, TimeProvider clock, ILogger log)
    {
        _schemas = schemas;
        _marts = marts;
        _clock = clock;
        _log = log;
    }

    /// <summary>
    /// Whether this build embeds the charting library (installed from npm by <c>make dashboard-web</c>, which
    /// <c>make dashboard</c> runs); without it the rest of the application works but no page can be written.
    /// </summary>
    public static bool HasChartingLibrary => PageAssets.HasChartingLibrary;

    /// <summary>What to say when <see cref="HasChartingLibrary"/> is false: one sentence saying what to run.</summary>
    public const string MissingChartingLibrary = PageAssets.MissingChartingLibrary;

    public async Task<DashboardResult> BuildAsync(DashboardOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ChartSessions < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ChartSessions, $"The sessions charted per symbol must be at least 1, not {options.ChartSessions}.");
        }

        if (!PageAssets.HasChartingLibrary)
        {
            throw new InvalidOperationException(PageAssets.MissingChartingLibrary);
        }

        var started = _clock.GetTimestamp();
        var buffer = new ArrayBufferWriter<byte>();
        int symbols, charted, runs;
        using (var warehouse = DuckDbWarehouse.OpenReader(options.WarehousePath))
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("generated_at", _clock.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
            json.WriteString("warehouse", Path.GetFullPath(options.WarehousePath));
            var traded = await MarketSection.WriteAsync(json, warehouse, cancellationToken).ConfigureAwait(false);
            var pinned = (options.PinnedSymbols ?? []).Concat(_marts.CorrelationSymbols.Select(s => s.Value));
            var chosen = ChartSelection.Choose(traded, pinned, options.ChartSymbols);
            json.WriteStartObject("symbols");
            var written = await SymbolSection.WriteAsync(json, warehouse, chosen, options.ChartSessions, cancellationToken).ConfigureAwait(false);
            json.WriteEndObject();
            json.WriteStartObject("health");
            runs = await RunHistory.WriteAsync(json, options.LakeFolder, options.RunsShown, cancellationToken).ConfigureAwait(false);
            FreshnessSection.Write(json, warehouse, _schemas, options.ExpectedSession);
            json.WriteEndObject();
            json.WriteEndObject();
            (symbols, charted) = (traded.Count, written.Count);
            _log.Debug("Read {Symbols} symbols, {Charted} charted, and {Runs} runs from {Warehouse} and {Lake}", symbols, charted, runs, options.WarehousePath, options.LakeFolder);
        }

        var page = DashboardPage.Render(buffer.WrittenSpan);
        var folder = Path.GetDirectoryName(Path.GetFullPath(options.OutputFile))!;
        Directory.CreateDirectory(folder);
        var staging = Path.Combine(folder, $".{Path.GetFileName(options.OutputFile)}.{Guid.NewGuid():N}.tmp");
        await File.WriteAllBytesAsync(staging, page, cancellationToken).ConfigureAwait(false);
        File.Move(staging, options.OutputFile, overwrite: true);
        var result = new DashboardResult(Path.GetFullPath(options.OutputFile), page.Length, symbols, charted, runs, _clock.GetElapsedTime(started));
        _log.Information(
            "Wrote the dashboard {File}: {Bytes} bytes, {Symbols} symbols ({Charted} charted), {Runs} runs, in {Elapsed} ms",
            result.OutputFile,
            result.Bytes,
            result.Symbols,
            result.ChartedSymbols,
            result.Runs,
            (long)result.Elapsed.TotalMilliseconds);
        return result;
    }
}
