using System.Globalization;
using StockLakehouse.Warehouse;

namespace StockLakehouse.Dashboard.Tests;

/// <summary>The dashboard of a real run, opened from disk in headless Chromium: every view draws, and shows the warehouse's numbers.</summary>
public sealed class DashboardPageTests : IClassFixture<DashboardFixture>
{
    private static readonly int[] Up = [38, 166, 154];
    private static readonly int[] Down = [239, 83, 80];
    private static readonly int[] FirstSector = [79, 156, 249];

    private readonly DashboardFixture _fixture;

    public DashboardPageTests(DashboardFixture fixture)
    {
        _fixture = fixture;
        Assert.True(fixture.Run.ExitCode == 0, $"The pipeline failed: {fixture.Run.Error}");
        Assert.True(fixture.Build.ExitCode == 0, $"The dashboard failed: {fixture.Build.Error}");
    }

    [Fact]
    public void The_command_says_where_the_page_is_and_the_run_summary_says_how_to_make_it()
    {
        Assert.Contains($"file://{_fixture.PagePath}", _fixture.Build.Output, StringComparison.Ordinal);
        Assert.Contains("8 charted", _fixture.Build.Output, StringComparison.Ordinal);
        Assert.Contains(_fixture.PagePath, _fixture.Run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Market_view_draws_every_chart_with_the_warehouse_numbers()
    {
        await using var page = await OpenedPage.OpenAsync(_fixture, "market");
        Assert.True(await page.ColoredPixelsAsync("#sector-chart", FirstSector) > 100, "The sector chart drew no line in the first sector's colour.");
        var sectors = WarehouseQueries.Scalar<long>(_fixture.WarehousePath, "SELECT COUNT(DISTINCT COALESCE(sector, '')) FROM mart_sector_daily_performance");
        Assert.Equal(sectors.ToString(CultureInfo.InvariantCulture), await page.Page.GetAttributeAsync("#sector-chart", "data-series"));

        // Six correlation symbols: a 6 × 6 heatmap with a value in every cell.
        Assert.Equal(36, await page.Page.Locator("#heatmap svg rect").CountAsync());
        var aaplMsft = WarehouseQueries.Scalar<double>(
            _fixture.WarehousePath,
            "SELECT correlation_60d FROM mart_return_correlation_60d WHERE symbol_a = 'AAPL' AND symbol_b = 'MSFT' AND correlation_60d IS NOT NULL ORDER BY trade_date DESC LIMIT 1");
        var shown = await page.Page.Locator("#heatmap svg text").AllTextContentsAsync();
        Assert.Contains(aaplMsft.ToString("F2", CultureInfo.InvariantCulture), shown);

        var topGainer = WarehouseQueries.Scalar<string>(
            _fixture.WarehousePath,
            "SELECT symbol FROM fact_stock_price WHERE trade_date = (SELECT MAX(trade_date) FROM fact_stock_price) ORDER BY return_1d DESC, symbol LIMIT 1");
        Assert.Equal(topGainer, await page.TextAsync("#gainers tbody tr:first-child td:first-child"));
        Assert.Equal(DashboardFixture.Symbols.Length, await page.Page.Locator("#range-table tbody tr").CountAsync());

        await page.ScreenshotAsync("market");
        Assert.Empty(page.Errors);
        Assert.Empty(page.RequestsOffDisk());
    }

    [Fact]
    public async Task Symbol_view_draws_candles_and_indicators_and_switching_the_symbol_changes_the_chart()
    {
        await using var page = await OpenedPage.OpenAsync(_fixture, "symbol/AAPL");
        Assert.True(await page.ColoredPixelsAsync("#price-chart", Up, Down) > 100, "The price chart drew no candles.");
        await AssertShowsLatestBarAsync(page, "AAPL");
        Assert.Contains("Apple", await page.TextAsync("#symbol-company"), StringComparison.Ordinal);
        var aaplImage = await page.CanvasImageAsync("#price-chart");
        await page.ScreenshotAsync("symbol-AAPL");

        // The search box: type a symbol, press Enter.
        await page.Page.FillAsync("#symbol-search", "msft");
        await page.Page.PressAsync("#symbol-search", "Enter");
        await page.Page.WaitForSelectorAsync("#price-chart[data-symbol='MSFT']");
        Assert.True(await page.ColoredPixelsAsync("#price-chart", Up, Down) > 100, "The price chart drew no candles for MSFT.");
        await AssertShowsLatestBarAsync(page, "MSFT");
        Assert.NotEqual(aaplImage, await page.CanvasImageAsync("#price-chart"));
        await page.ScreenshotAsync("symbol-MSFT");
        Assert.Empty(page.Errors);
        Assert.Empty(page.RequestsOffDisk());
    }

    [Fact]
    public async Task The_company_shown_is_the_version_valid_on_the_date_under_the_cursor()
    {
        await using var page = await OpenedPage.OpenAsync(_fixture, "symbol/" + DashboardFixture.Pinned);
        Assert.True(await page.ColoredPixelsAsync("#price-chart", Up, Down) > 100, "The price chart drew no candles for Visa.");
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
    public async Task A_symbol_beyond_the_chart_cap_is_listed_with_its_close_and_says_how_to_chart_it()
    {
        await using var page = await OpenedPage.OpenAsync(_fixture, "symbol/AAPL");
        var charted = await page.Page.EvaluateAsync<string[]>("() => Object.keys(JSON.parse(document.getElementById('dashboard-data').textContent).symbols.charts)");
        Assert.Equal(DashboardFixture.ChartSymbols, charted.Length);
        var uncharted = DashboardFixture.Symbols.Except(charted).Order(StringComparer.Ordinal).First();
        await page.Page.GotoAsync(new Uri(_fixture.PagePath).AbsoluteUri + "#symbol/" + uncharted);
        await page.Page.WaitForSelectorAsync($"#price-chart[data-symbol='{uncharted}']");
        Assert.Equal("0", await page.Page.GetAttributeAsync("#price-chart", "data-bars"));
        Assert.Contains($"--symbols {uncharted}", await page.TextAsync("#chart-note"), StringComparison.Ordinal);
        Assert.Equal(LatestClose(uncharted), double.Parse(await page.TextAsync("#latest-close"), CultureInfo.InvariantCulture));
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task Health_view_shows_the_runs_rejects_and_every_check_as_the_lake_and_warehouse_hold_them()
    {
        await using var page = await OpenedPage.OpenAsync(_fixture, "health");
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

        var facts = WarehouseQueries.Scalar<long>(_fixture.WarehousePath, "SELECT COUNT(*) FROM fact_stock_price");
        Assert.Contains(facts.ToString("N0", CultureInfo.InvariantCulture), await page.TextAsync("#freshness"), StringComparison.Ordinal);
        Assert.Equal(5, await page.Page.Locator("#stages tbody tr").CountAsync());
        await page.ScreenshotAsync("health");
        Assert.Empty(page.Errors);
        Assert.Empty(page.RequestsOffDisk());
    }

    private async Task AssertShowsLatestBarAsync(OpenedPage page, string symbol)
    {
        Assert.Equal(symbol, await page.TextAsync("#symbol-name"));
        Assert.Equal(LatestClose(symbol), double.Parse(await page.TextAsync("#latest-close"), CultureInfo.InvariantCulture));
        var bars = WarehouseQueries.Scalar<long>(_fixture.WarehousePath, $"SELECT LEAST(COUNT(*), {DashboardOptions.DefaultChartSessions}) FROM fact_stock_price WHERE symbol = '{symbol}'");
        Assert.Equal(bars.ToString(CultureInfo.InvariantCulture), await page.Page.GetAttributeAsync("#price-chart", "data-bars"));
    }

    private double LatestClose(string symbol) =>
        WarehouseQueries.Scalar<double>(_fixture.WarehousePath, $"SELECT close FROM fact_stock_price WHERE symbol = '{symbol}' ORDER BY trade_date DESC LIMIT 1");
}
