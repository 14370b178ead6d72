using System.Globalization;
using StockLakehouse.Cli.Options;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Dashboard.Tests;

/// <summary>
/// The dashboard of a real run, opened from disk in headless Chromium: every view draws, and shows the warehouse's
/// numbers. Each view's screenshot is taken before its assertions, so a failing view leaves its picture.
/// </summary>
public sealed class DashboardPageTests : IClassFixture<DashboardFixture>
{
    private const string Price = "#price-chart [data-pane='price']";
    private const string Rsi = "#price-chart [data-pane='rsi']";
    private const string Macd = "#price-chart [data-pane='macd']";

    private readonly DashboardFixture _fixture;

    public DashboardPageTests(DashboardFixture fixture) => _fixture = fixture;

    [Fact]
    public void The_command_says_where_the_page_is_and_the_run_summary_says_how_to_make_it()
    {
        Assert.Contains($"file://{_fixture.PagePath}", _fixture.Build.Output, StringComparison.Ordinal);
        Assert.Contains("8 charted", _fixture.Build.Output, StringComparison.Ordinal);
        Assert.Contains(_fixture.PagePath, _fixture.Run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Market_view_draws_every_sector_the_movers_and_a_heatmap_of_the_warehouse_correlations()
    {
        await using var page = await OpenedPage.OpenAsync(_fixture, "market");
        await page.ScreenshotAsync("market");

        // One line per sector, each in its own colour, each drawn.
        var sectors = WarehouseQueries.Scalar<long>(_fixture.WarehousePath, "SELECT COUNT(DISTINCT COALESCE(sector, '')) FROM mart_sector_daily_performance");
        Assert.Equal(sectors.ToString(CultureInfo.InvariantCulture), await page.Page.GetAttributeAsync("#sector-chart", "data-series"));
        var colors = await page.Page.Locator("#sector-legend [data-color]").EvaluateAllAsync<string[]>("spans => spans.map(s => s.dataset.color)");
        Assert.Equal(sectors, colors.Length);
        Assert.Equal(colors.Length, colors.Distinct(StringComparer.Ordinal).Count());
        foreach (var color in colors)
        {
            await page.AssertDrawsAsync("#sector-chart", $"The sector line in {color}", 50, color);
        }

        // Six correlation symbols: a 6 × 6 heatmap whose every cell holds the warehouse's latest value of its pair.
        var pairs = WarehouseQueries.Query(
            _fixture.WarehousePath,
            "SELECT symbol_a, symbol_b, correlation_60d FROM mart_return_correlation_60d WHERE correlation_60d IS NOT NULL QUALIFY ROW_NUMBER() OVER (PARTITION BY symbol_a, symbol_b ORDER BY trade_date DESC) = 1");
        var expected = Enumerable.Range(0, pairs.RowCount).ToDictionary(
            r => $"{pairs["symbol_a"].GetValue(r)}|{pairs["symbol_b"].GetValue(r)}",
            r => ((double)pairs["correlation_60d"].GetValue(r)!).ToString("F2", CultureInfo.InvariantCulture));
        Assert.Equal(36, await page.Page.Locator("#heatmap svg rect").CountAsync());
        var cells = await page.Page.Locator("#heatmap svg text.value").EvaluateAllAsync<string[][]>("cells => cells.map(c => [c.dataset.pair, c.textContent])");
        Assert.Equal(36, cells.Length);
        foreach (var cell in cells)
        {
            var (a, b) = (cell[0].Split('|')[0], cell[0].Split('|')[1]);
            var value = a == b ? "1.00" : expected[string.CompareOrdinal(a, b) < 0 ? $"{a}|{b}" : $"{b}|{a}"];
            Assert.True(value == cell[1], $"The heatmap cell {cell[0]} shows '{cell[1]}', the warehouse holds {value}.");
        }

        var aaplMsft = WarehouseQueries.Scalar<double>(
            _fixture.WarehousePath,
            "SELECT correlation_60d FROM mart_return_correlation_60d WHERE symbol_a = $1 AND symbol_b = $2 AND correlation_60d IS NOT NULL ORDER BY trade_date DESC LIMIT 1",
            "AAPL",
            "MSFT");
        Assert.Equal(aaplMsft.ToString("F2", CultureInfo.InvariantCulture), await page.Page.Locator("#heatmap svg text.value[data-pair='AAPL|MSFT']").TextContentAsync());

        var latest = WarehouseQueries.Scalar<DateOnly>(_fixture.WarehousePath, "SELECT MAX(trade_date) FROM fact_stock_price");
        Assert.Equal(latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), await page.TextAsync("#movers-date"));
        var topGainer = WarehouseQueries.Scalar<string>(
            _fixture.WarehousePath,
            "SELECT symbol FROM fact_stock_price WHERE trade_date = $1::DATE ORDER BY return_1d DESC, symbol LIMIT 1",
            latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(topGainer, await page.TextAsync("#gainers tbody tr:first-child td:first-child"));
        Assert.Equal(DashboardFixture.Symbols.Length, await page.Page.Locator("#range-table tbody tr").CountAsync());
        Assert.Empty(page.Errors);
        Assert.Empty(page.RequestsOffDisk());
    }

    [Fact]
    public async Task Symbol_view_draws_candles_volume_overlays_rsi_and_macd_and_switching_the_symbol_changes_the_chart()
    {
        await using var page = await OpenedPage.OpenAsync(_fixture, "symbol/AAPL");
        await page.Page.WaitForSelectorAsync("#price-chart[data-drawn='AAPL']");
        await page.ScreenshotAsync("symbol-AAPL");
        await AssertChartDrawsAsync(page, "AAPL");
        Assert.Contains("Apple", await page.TextAsync("#symbol-company"), StringComparison.Ordinal);
        var aaplImage = await page.CanvasImageAsync("#price-chart");

        // The search box: type a symbol, press Enter.
        await SearchAsync(page, "msft");
        await page.Page.WaitForSelectorAsync("#price-chart[data-drawn='MSFT']");
        await page.ScreenshotAsync("symbol-MSFT");
        await AssertChartDrawsAsync(page, "MSFT");
        Assert.NotEqual(aaplImage, await page.CanvasImageAsync("#price-chart"));
        Assert.Empty(page.Errors);
        Assert.Empty(page.RequestsOffDisk());
    }

    [Fact]
    public async Task The_search_box_finds_a_symbol_by_part_of_its_company_name()
    {
        await using var page = await OpenedPage.OpenAsync(_fixture, "symbol/AAPL");
        var name = WarehouseQueries.Scalar<string>(_fixture.WarehousePath, "SELECT name FROM mart_latest_snapshot WHERE symbol = $1", "KO");
        Assert.Contains("Coca-Cola", name, StringComparison.Ordinal);
        await SearchAsync(page, "coca-cola");
        await page.Page.WaitForSelectorAsync("#price-chart[data-drawn='KO']");
        await AssertChartDrawsAsync(page, "KO");
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task The_company_shown_is_the_version_valid_on_the_date_under_the_cursor()
    {
        await using var page = await OpenedPage.OpenAsync(_fixture, "symbol/" + DashboardFixture.Pinned);
        await page.Page.WaitForSelectorAsync($"#price-chart[data-drawn='{DashboardFixture.Pinned}']");
        await page.AssertDrawsAsync(Price, "Visa's candles", 1000, Candles);
        Assert.Contains("Financials", await page.TextAsync("#symbol-company"), StringComparison.Ordinal);

        // The chart starts in January 2023, before the GICS change of 2023-03-20: Visa was then in Information Technology.
        var box = await page.Page.Locator("#price-chart").BoundingBoxAsync();
        Assert.NotNull(box);
        await page.Page.Mouse.MoveAsync(box.X + 20, box.Y + (box.Height / 3));
        var early = await page.TextAsync("#symbol-company");
        Assert.Contains("Information Technology", early, StringComparison.Ordinal);
        Assert.Contains("as of 2023-01", early, StringComparison.Ordinal);
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task A_symbol_beyond_the_chart_cap_is_found_by_the_search_box_with_its_close_and_says_how_to_chart_it()
    {
        await using var page = await OpenedPage.OpenAsync(_fixture, "symbol/AAPL");
        var charted = await page.Page.EvaluateAsync<string[]>("() => Object.keys(JSON.parse(document.getElementById('dashboard-data').textContent).symbols.charts)");
        Assert.Equal(DashboardFixture.ChartSymbols, charted.Length);
        var uncharted = DashboardFixture.Symbols.Except(charted).Order(StringComparer.Ordinal).First();
        await SearchAsync(page, uncharted.ToLowerInvariant());
        await page.Page.WaitForSelectorAsync($"#price-chart[data-symbol='{uncharted}']");
        Assert.Equal("0", await page.Page.GetAttributeAsync("#price-chart", "data-bars"));
        Assert.Contains($"--symbols {uncharted}", await page.TextAsync("#chart-note"), StringComparison.Ordinal);
        Assert.Equal(LatestClose(uncharted), double.Parse(await page.TextAsync("#latest-close"), CultureInfo.InvariantCulture));
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task Health_view_shows_the_runs_rejects_checks_and_freshness_as_the_lake_and_warehouse_hold_them()
    {
        await using var page = await OpenedPage.OpenAsync(_fixture, "health");
        await page.ScreenshotAsync("health");
        var run = _fixture.Manifest.RootElement;
        Assert.Equal(run.GetProperty("run_id").GetString(), await page.Page.GetAttributeAsync("#runs tbody tr:first-child", "data-run"));

        var rejects = run.GetProperty("stages").EnumerateArray().SelectMany(s => s.GetProperty("rejects").EnumerateObject()).ToArray();
        var total = rejects.Sum(r => r.Value.GetInt64());
        Assert.True(total > 0, "The fixture's run should reject some records (the simulated market's defects).");
        Assert.Equal(total.ToString("N0", CultureInfo.InvariantCulture), await page.TextAsync("#rejects-total"));
        var quarantined = Directory.EnumerateFiles(Path.Combine(_fixture.Folder, "lake", "_quarantine"), "rejects.jsonl", SearchOption.AllDirectories).Sum(f => File.ReadLines(f).Count());
        Assert.Equal(quarantined, total);
        foreach (var reason in rejects)
        {
            Assert.Equal(reason.Value.GetInt64().ToString("N0", CultureInfo.InvariantCulture), await page.TextAsync($"#rejects [data-reason='{reason.Name}'] .count"));
            Assert.True(await page.Page.Locator($"#rejects [data-reason='{reason.Name}'] li").CountAsync() > 0, $"No example of {reason.Name} is shown.");
        }

        // Every check: the result shown is what its SQL finds in the warehouse now.
        var checks = run.GetProperty("checks").EnumerateArray().ToArray();
        Assert.Equal(checks.Length, await page.Page.Locator("#checks tbody tr").CountAsync());
        foreach (var check in checks)
        {
            var id = $"{check.GetProperty("table").GetString()}.{check.GetProperty("name").GetString()}";
            var violations = WarehouseQueries.Scalar<long>(_fixture.WarehousePath, $"SELECT COUNT(*) FROM ({check.GetProperty("sql").GetString()})");
            Assert.Equal(violations.ToString(CultureInfo.InvariantCulture), await page.TextAsync($"#checks tr[data-check='{id}'] .violations"));
            Assert.Equal(violations == 0 ? "pass" : "FAIL", await page.TextAsync($"#checks tr[data-check='{id}'] .result"));
        }

        await AssertFreshnessAsync(page);
        Assert.Equal(5, await page.Page.Locator("#stages tbody tr").CountAsync());
        Assert.Empty(page.Errors);
        Assert.Empty(page.RequestsOffDisk());
    }

    private static readonly string[] Candles = ["#26a69a", "#ef5350"];

    private static async Task SearchAsync(OpenedPage page, string text)
    {
        await page.Page.FillAsync("#symbol-search", text);
        await page.Page.PressAsync("#symbol-search", "Enter");
    }

    /// <summary>Each pane holds its series (the library's own count) and each series drew in its colours.</summary>
    private async Task AssertChartDrawsAsync(OpenedPage page, string symbol)
    {
        Assert.Equal(symbol, await page.TextAsync("#symbol-name"));
        Assert.Equal(LatestClose(symbol), double.Parse(await page.TextAsync("#latest-close"), CultureInfo.InvariantCulture));
        var bars = WarehouseQueries.Scalar<long>(_fixture.WarehousePath, "SELECT LEAST(COUNT(*), $2) FROM fact_stock_price WHERE symbol = $1", symbol, DashboardOptions.DefaultChartSessions);
        Assert.Equal(bars.ToString(CultureInfo.InvariantCulture), await page.Page.GetAttributeAsync("#price-chart", "data-bars"));
        Assert.Equal("7", await page.Page.GetAttributeAsync(Price, "data-series"));
        Assert.Equal("1", await page.Page.GetAttributeAsync(Rsi, "data-series"));
        Assert.Equal("3", await page.Page.GetAttributeAsync(Macd, "data-series"));
        await page.AssertDrawsAsync(Price, $"{symbol}'s candles", 1000, Candles);
        await page.AssertDrawsAsync(Price, $"{symbol}'s volume", 1000, "#1d4f4a", "#6b2c2b");
        await page.AssertDrawsAsync(Price, "SMA 20", 50, "#f5a623");
        await page.AssertDrawsAsync(Price, "SMA 50", 50, "#4f9cf9");
        await page.AssertDrawsAsync(Price, "SMA 200", 50, "#ab47bc");
        await page.AssertDrawsAsync(Price, "The Bollinger bands", 50, "#8b96a3");
        await page.AssertDrawsAsync(Rsi, "RSI 14", 100, "#26c6da");
        await page.AssertDrawsAsync(Macd, "MACD", 50, "#ffeb3b");
        await page.AssertDrawsAsync(Macd, "The MACD signal", 50, "#ff7043");
        await page.AssertDrawsAsync(Macd, "The MACD histogram", 100, "#2f6f68", "#8e3b39");
    }

    /// <summary>The expected session, each table's newest date and how far behind it is, as the warehouse holds them.</summary>
    private async Task AssertFreshnessAsync(OpenedPage page)
    {
        var expected = LastBuild.ExpectedSession(DashboardFixture.End);
        Assert.Equal(expected.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), await page.TextAsync("#expected-session"));
        var tables = SchemaCatalog.LoadDefault().Tables.Where(t => t.Layer == Layers.Gold).ToArray();
        Assert.Equal(tables.Length, await page.Page.Locator("#freshness tbody tr").CountAsync());
        foreach (var table in tables)
        {
            var row = $"#freshness tr[data-table='{table.Name}']";
            var rows = WarehouseQueries.Scalar<long>(_fixture.WarehousePath, $"SELECT COUNT(*) FROM {table.Name}");
            Assert.Equal(rows.ToString("N0", CultureInfo.InvariantCulture), await page.TextAsync(row + " .rows"));
            if (table.Partitioning is not { } partitioning)
            {
                continue;
            }

            var newest = WarehouseQueries.Scalar<DateOnly>(_fixture.WarehousePath, $"SELECT CAST(MAX({partitioning.Field}) AS DATE) FROM {table.Name}");
            Assert.Equal(newest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), await page.TextAsync(row + " .newest"));
            var sessionsBehind = newest >= expected ? 0 : NyseCalendar.Instance.TradingDays(newest.AddDays(1), expected).Count();
            Assert.Equal(sessionsBehind.ToString(CultureInfo.InvariantCulture), await page.TextAsync(row + " .sessions-behind"));
            if (table.Fields.Any(f => f.Name == "symbol"))
            {
                var symbolsBehind = WarehouseQueries.Scalar<long>(
                    _fixture.WarehousePath,
                    $"SELECT COUNT(DISTINCT symbol) FROM {table.Name} AS t WHERE NOT EXISTS (SELECT 1 FROM {table.Name} AS u WHERE u.symbol = t.symbol AND u.{partitioning.Field} >= $1::DATE)",
                    expected.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                Assert.Equal(symbolsBehind.ToString(CultureInfo.InvariantCulture), await page.TextAsync(row + " .symbols-behind"));
            }
        }
    }

    private double LatestClose(string symbol) =>
        WarehouseQueries.Scalar<double>(_fixture.WarehousePath, "SELECT close FROM fact_stock_price WHERE symbol = $1 ORDER BY trade_date DESC LIMIT 1", symbol);
}
