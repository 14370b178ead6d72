using Serilog.Core;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Reference;
using StockLakehouse.Extractor.Planning;
using StockLakehouse.Extractor.Sources.AlphaVantage;
using StockLakehouse.Extractor.Tests.Landing;

namespace StockLakehouse.Extractor.Tests.Planning;

public sealed class ExtractPlannerTests : IDisposable
{
    private static readonly NyseCalendar Calendar = NyseCalendar.Instance;
    private static readonly Symbol[] Symbols = [Symbol.Parse("AAPL"), Symbol.Parse("MSFT")];
    private readonly TempLake _lake = new();
    private readonly ExtractSource _chart = ExtractSource.FromChartSource(new CountingChartSource());

    public void Dispose() => _lake.Dispose();

    private ExtractPlanner Planner => new(Calendar, new WatermarkStore(_lake.Store));

    private static DateOnly D(int month, int day) => new(2025, month, day);

    [Theory]
    [InlineData(1, 4, 1, 5)]
    [InlineData(1, 9, 1, 9)]
    [InlineData(12, 25, 12, 25)]
    [InlineData(12, 27, 12, 28)]
    public async Task A_backfill_without_a_trading_day_makes_no_request(int fromMonth, int fromDay, int toMonth, int toDay)
    {
        var plan = await Planner.PlanAsync(_chart, new ExtractPlanOptions(Symbols, ExtractMode.Backfill, D(fromMonth, fromDay), D(toMonth, toDay), D(12, 31)), default);

        Assert.Empty(plan.Requests);
        Assert.Equal(["AAPL", "MSFT"], plan.NotRequested.Select(n => n.Symbol));
        Assert.All(plan.NotRequested, n => Assert.StartsWith("No NYSE trading day", n.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_backfill_asks_each_symbol_for_the_range_as_given()
    {
        var plan = await Planner.PlanAsync(_chart, new ExtractPlanOptions(Symbols, ExtractMode.Backfill, D(1, 4), D(1, 12), D(1, 13)) { Parallelism = 3 }, default);

        Assert.Equal([("AAPL", D(1, 4), D(1, 12)), ("MSFT", D(1, 4), D(1, 12))], plan.Requests.Select(r => (r.Subject, r.From, r.To)));
        Assert.Equal(D(1, 13), plan.IngestDate);
        Assert.Equal(3, plan.Parallelism);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Daily_mode_rewrites_a_watermark_a_kill_lost_from_the_landed_objects_instead_of_fetching_the_whole_window(bool hadAnOlderWatermark)
    {
        var watermarks = new WatermarkStore(_lake.Store);
        var aapl = new[] { Symbol.Parse("AAPL") };
        if (hadAnOlderWatermark)
        {
            await new StockLakehouse.Extractor.Jobs.ExtractJob(new CountingChartSource(), _lake.Store).RunAsync(new StockLakehouse.Extractor.Jobs.ExtractRequest(aapl, D(1, 2), D(1, 3), D(1, 3), 1), null, default);
        }

        // The run of 2025-01-08 landed AAPL's object and was killed before its watermark moved.
        var landed = await new StockLakehouse.Extractor.Jobs.ExtractJob(new CountingChartSource(), _lake.Store).RunAsync(new StockLakehouse.Extractor.Jobs.ExtractRequest(aapl, D(1, 2), D(1, 8), D(1, 8), 1), null, default);
        var watermarkFile = _lake.Store.LocalPath(WatermarkStore.KeyFor("yahoo", "chart", "AAPL"))!;
        File.Delete(watermarkFile);
        if (hadAnOlderWatermark)
        {
            await watermarks.AdvanceAsync(new Watermark("yahoo", "chart", "AAPL", D(1, 3), StockLakehouse.Extractor.Landing.RawLander.KeyFor("yahoo", "chart", "AAPL", D(1, 2), D(1, 3), D(1, 3))), default);
        }

        var plan = await Planner.PlanAsync(_chart, new ExtractPlanOptions(aapl, ExtractMode.Daily, D(1, 2), D(1, 14), D(1, 14)) { LookbackTradingDays = 2 }, default);

        // Two sessions back from 2025-01-08, counting it: 01-07 — not the window's start, 01-02.
        Assert.Equal([("AAPL", D(1, 7), D(1, 14))], plan.Requests.Select(r => (r.Subject, r.From, r.To)));
        var rewritten = await watermarks.ReadAsync("yahoo", "chart", "AAPL", default);
        Assert.Equal((D(1, 8), landed.Requests[0].ObjectKey), (rewritten!.Through, rewritten.ObjectKey));
    }

    [Fact]
    public async Task Daily_mode_starts_at_the_start_date_without_a_watermark_and_at_the_lookback_with_one()
    {
        await new WatermarkStore(_lake.Store).AdvanceAsync(new Watermark("yahoo", "chart", "AAPL", D(1, 10), "raw/x.json"), default);

        var plan = await Planner.PlanAsync(_chart, new ExtractPlanOptions(Symbols, ExtractMode.Daily, D(1, 2), D(1, 14), D(1, 14)) { LookbackTradingDays = 5 }, default);

        // Five sessions back from 2025-01-10, counting it: 01-10, 01-08 (01-09 closed), 01-07, 01-06, 01-03.
        // MSFT, without a watermark, is the stalest and goes first.
        Assert.Equal([("MSFT", D(1, 2), D(1, 14)), ("AAPL", D(1, 3), D(1, 14))], plan.Requests.Select(r => (r.Subject, r.From, r.To)));
    }

    [Fact]
    public async Task Daily_mode_asks_for_the_stalest_symbols_first_so_a_capped_source_rotates()
    {
        var watermarks = new WatermarkStore(_lake.Store);
        await watermarks.AdvanceAsync(new Watermark("yahoo", "chart", "AAPL", D(1, 10), "raw/a.json"), default);
        await watermarks.AdvanceAsync(new Watermark("yahoo", "chart", "MSFT", D(1, 6), "raw/m.json"), default);
        Symbol[] symbols = [Symbol.Parse("AAPL"), Symbol.Parse("MSFT"), Symbol.Parse("KO")];

        var plan = await Planner.PlanAsync(_chart, new ExtractPlanOptions(symbols, ExtractMode.Daily, D(1, 2), D(1, 14), D(1, 14)) { LookbackTradingDays = 1 }, default);

        Assert.Equal(["KO", "MSFT", "AAPL"], plan.Requests.Select(r => r.Subject));
    }

    [Fact]
    public void Without_lookback_a_daily_run_starts_the_day_after_the_watermark()
    {
        Assert.Equal(new DateRange(D(1, 11), D(1, 14)), ExtractPlanner.DailyRange(Calendar, D(1, 10), D(1, 2), D(1, 14), 0));
    }

    [Fact]
    public async Task A_symbol_landed_through_the_end_is_up_to_date_and_not_requested()
    {
        await new WatermarkStore(_lake.Store).AdvanceAsync(new Watermark("yahoo", "chart", "AAPL", D(1, 10), "raw/x.json"), default);

        // Friday's watermark, asked on Sunday with no lookback: Saturday and Sunday hold no session.
        var plan = await Planner.PlanAsync(_chart, new ExtractPlanOptions([Symbol.Parse("AAPL")], ExtractMode.Daily, D(1, 2), D(1, 12), D(1, 12)) { LookbackTradingDays = 0 }, default);

        Assert.Empty(plan.Requests);
        Assert.StartsWith("Up to date: landed through 2025-01-10", Assert.Single(plan.NotRequested).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_daily_rerun_on_the_day_that_landed_through_the_last_session_asks_nothing_again()
    {
        var watermarks = new WatermarkStore(_lake.Store);
        // AAPL landed today through Friday 01-10, the last session before Sunday 01-12; MSFT landed through it yesterday.
        await watermarks.AdvanceAsync(new Watermark("yahoo", "chart", "AAPL", D(1, 10), "raw/source=yahoo/dataset=chart/ingest_date=2025-01-12/AAPL-a.json"), default);
        await watermarks.AdvanceAsync(new Watermark("yahoo", "chart", "MSFT", D(1, 10), "raw/source=yahoo/dataset=chart/ingest_date=2025-01-11/MSFT-m.json"), default);

        var plan = await Planner.PlanAsync(_chart, new ExtractPlanOptions(Symbols, ExtractMode.Daily, D(1, 2), D(1, 12), D(1, 12)) { LookbackTradingDays = 5 }, default);

        // MSFT's lookback is re-read today for late corrections; AAPL's was read today already.
        Assert.Equal([("MSFT", D(1, 3), D(1, 12))], plan.Requests.Select(r => (r.Subject, r.From, r.To)));
        Assert.Equal("Up to date: landed through 2025-01-10 today (2025-01-12).", Assert.Single(plan.NotRequested).Reason);
    }

    [Fact]
    public async Task Snapshots_are_one_request_per_symbol_as_of_the_ingest_date_and_listings_list_their_own()
    {
        using var http = new HttpClient();
        var sources = ExtractSourceCatalog.Create(
            new ExtractSourceOptions { Source = "alphavantage", AlphaVantage = new AlphaVantageOptions { Datasets = [AlphaVantageDataset.Overview, AlphaVantageDataset.ListingStatus] } },
            ReferenceData.LoadDefault(),
            TimeProvider.System,
            Logger.None,
            http,
            _ => "TESTKEY123",
            () => 0.5);
        var options = new ExtractPlanOptions(Symbols, ExtractMode.Backfill, D(1, 2), D(1, 10), D(1, 13));

        var overview = await Planner.PlanAsync(sources[0], options, default);
        var listing = await Planner.PlanAsync(sources[1], options, default);

        Assert.Equal([("AAPL", D(1, 13), D(1, 13)), ("MSFT", D(1, 13), D(1, 13))], overview.Requests.Select(r => (r.Subject, r.From, r.To)));
        Assert.Equal(["_active", "_delisted"], listing.Requests.Select(r => r.Subject));
    }

    [Fact]
    public async Task An_end_before_the_start_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Planner.PlanAsync(_chart, new ExtractPlanOptions(Symbols, ExtractMode.Backfill, D(2, 1), D(1, 1), D(2, 1)), default));
    }
}
