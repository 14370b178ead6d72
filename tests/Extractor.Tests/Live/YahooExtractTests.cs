using System.Globalization;
using StockLakehouse.Extractor.Landing;
using StockLakehouse.Extractor.Sources.Yahoo;

namespace StockLakehouse.Extractor.Tests.Live;

public sealed class YahooExtractTests : IAsyncLifetime
{
    private static readonly DateOnly From = new(2025, 1, 2);
    private static readonly DateOnly To = new(2025, 1, 10);
    private readonly LiveHarness _live = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _live.DisposeAsync().AsTask();

    private static string Path(string symbol) => $"/v8/finance/chart/{symbol}";

    private void Chart(string symbol, params ScriptedResponse[] before) =>
        _live.Server.Script(Path(symbol), [.. before, ScriptedResponse.Json(Fixtures.YahooChartFor(symbol))]);

    [Fact]
    public async Task Max_concurrency_one_sends_the_next_request_only_after_the_previous_answer()
    {
        var arrivals = new List<DateTimeOffset>();
        string[] symbols = ["AAA", "BBB", "CCC", "DDD"];
        foreach (var symbol in symbols)
        {
            _live.Server.Script(Path(symbol), ScriptedResponse.Json(Fixtures.YahooChartFor(symbol)) with
            {
                Delay = TimeSpan.FromMilliseconds(300),
                OnServe = _ =>
                {
                    lock (arrivals)
                    {
                        arrivals.Add(DateTimeOffset.UtcNow);
                    }
                },
            });
        }

        var report = await _live.BackfillAsync(_live.Yahoo(concurrency: 1), From, To, symbols, parallelism: 4);

        Assert.Equal(4, report.Landed);
        // Each answer takes 300 ms; one request at a time means no request arrives while another is answered.
        var gaps = arrivals.Order().Zip(arrivals.Order().Skip(1), (a, b) => b - a).ToArray();
        Assert.Equal(3, gaps.Length);
        Assert.All(gaps, gap => Assert.True(gap >= TimeSpan.FromMilliseconds(280), $"Two requests were in flight at once: {gap.TotalMilliseconds} ms apart."));
    }

    [Fact]
    public async Task Requests_per_second_spaces_the_requests_whatever_the_concurrency()
    {
        var arrivals = new List<DateTimeOffset>();
        string[] symbols = ["AAA", "BBB", "CCC", "DDD"];
        foreach (var symbol in symbols)
        {
            _live.Server.Script(Path(symbol), ScriptedResponse.Json(Fixtures.YahooChartFor(symbol)) with
            {
                OnServe = _ =>
                {
                    lock (arrivals)
                    {
                        arrivals.Add(_live.Clock.GetUtcNow());
                    }
                },
            });
        }

        var source = _live.Sources(new ExtractSourceOptions
        {
            Source = ExtractSourceCatalog.Yahoo,
            Yahoo = new YahooOptions { BaseUrl = _live.Server.BaseUrl, MaxConcurrency = 4, RequestsPerSecond = 0.25, Policy = LiveHarness.Policy },
        })[0];

        var report = await _live.BackfillAsync(source, From, To, symbols, parallelism: 4);

        Assert.Equal(4, report.Landed);
        // One request every four seconds on the extractor's clock (0.4 s of real time). The first request also pays for
        // the cold connection and code paths, so the span is taken from the second arrival: the second to the fourth
        // start at least eight seconds apart. The assertion asks for half of that: an arrival is measured at the
        // server, after its trip through a loaded machine, and that delay is also accelerated ten times. Without the
        // limit the four arrive within about a second of each other.
        var ordered = arrivals.Order().ToArray();
        Assert.True(ordered[3] - ordered[1] >= TimeSpan.FromSeconds(4), $"The second to fourth starts span only {(ordered[3] - ordered[1]).TotalSeconds} s.");
    }

    [Fact]
    public async Task Each_symbol_lands_once_asked_like_a_browser_for_new_york_dates()
    {
        Chart("AAPL");
        Chart("BRK-B");

        var report = await _live.BackfillAsync(_live.Yahoo(), From, To, ["AAPL", "BRK-B"], parallelism: 2);

        Assert.Equal((2, 2, 0), (report.Requested, report.Landed, report.Failures.Count));
        Assert.Equal(new Dictionary<string, int> { ["ok"] = 2 }, report.Outcomes);
        Assert.Equal(2, _live.Server.Received.Count);
        Assert.All(_live.Server.Received, r =>
        {
            Assert.StartsWith("Mozilla/5.0", r.Header("User-Agent"), StringComparison.Ordinal);
            Assert.Equal("1735794000", r.QueryValue("period1"));
            Assert.Equal("1736571600", r.QueryValue("period2"));
            Assert.Equal("1d", r.QueryValue("interval"));
            Assert.Equal("div,splits", r.QueryValue("events"));
        });

        var key = RawLander.KeyFor("yahoo", "chart", "BRK-B", From, To, LiveHarness.IngestDate);
        Assert.Equal(Fixtures.YahooChartFor("BRK-B"), await _live.Lake.Store.ReadAsync(key, default));
        var metadata = RawObjectMetadata.FromJson((await _live.Lake.Store.ReadAsync(LakeLayout.RawMetadata(key), default))!, key);
        Assert.Equal(200, metadata.Status);
        Assert.Equal(new Uri(_live.Server.BaseUrl, "v8/finance/chart/BRK-B?period1=1735794000&period2=1736571600&interval=1d&events=div,splits").AbsoluteUri, metadata.Url);
        Assert.Equal(To, (await new WatermarkStore(_live.Lake.Store).ReadAsync("yahoo", "chart", "BRK-B", default))!.Through);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_seconds_its_retry_after_asks()
    {
        Chart("AAPL", ScriptedResponse.Fixture("yahoo-live/too-many-requests.txt", 429) with { Headers = new Dictionary<string, string> { ["Retry-After"] = "2" } });

        var report = await _live.BackfillAsync(_live.Yahoo(), From, To, ["AAPL"]);

        var request = Assert.Single(report.Requests);
        Assert.Equal((RequestOutcome.Ok, 2), (request.Outcome, request.Attempts));
        Assert.Equal(2, _live.Server.CountFor(Path("AAPL")));
        var retry = Assert.Single(_live.Log.Events, e => e.MessageTemplate.Text.Contains("retrying in", StringComparison.Ordinal));
        Assert.Equal("2000", retry.Properties["DelayMs"].ToString());
        Assert.Equal("\"throttled\"", retry.Properties["Outcome"].ToString());
    }

    [Fact]
    public async Task A_503_with_retry_after_is_retried_after_the_seconds_it_asks_not_the_backoff()
    {
        Chart("AAPL", ScriptedResponse.Text(503, "maintenance") with { Headers = new Dictionary<string, string> { ["Retry-After"] = "7" } });

        var report = await _live.BackfillAsync(_live.Yahoo(), From, To, ["AAPL"]);

        Assert.Equal((RequestOutcome.Ok, 2), (Assert.Single(report.Requests).Outcome, report.Requests[0].Attempts));
        var retry = Assert.Single(_live.Log.Events, e => e.MessageTemplate.Text.Contains("retrying in", StringComparison.Ordinal));
        Assert.Equal("7000", retry.Properties["DelayMs"].ToString());
        Assert.Equal("\"server_error\"", retry.Properties["Outcome"].ToString());
    }

    [Fact]
    public async Task A_429_asking_longer_than_the_run_waits_ends_that_request_but_does_not_stop_the_source()
    {
        Chart("AAA", ScriptedResponse.Fixture("yahoo-live/too-many-requests.txt", 429) with { Headers = new Dictionary<string, string> { ["Retry-After"] = "300" } });
        Chart("BBB");

        var report = await _live.BackfillAsync(_live.Yahoo(), From, To, ["AAA", "BBB"]);

        Assert.Equal(new Dictionary<string, int> { ["throttled"] = 1, ["ok"] = 1 }, report.Outcomes);
        Assert.Null(report.StoppedReason);
    }

    [Fact]
    public async Task A_restart_after_a_crash_before_metadata_and_watermark_repairs_both()
    {
        _live.Server.Fallback(Path("AAPL"), ScriptedResponse.Json(Fixtures.YahooChartFor("AAPL")));
        await _live.BackfillAsync(_live.Yahoo(), From, To, ["AAPL"]);
        var key = RawLander.KeyFor("yahoo", "chart", "AAPL", From, To, LiveHarness.IngestDate);
        File.Delete(_live.Lake.Store.LocalPath(LakeLayout.RawMetadata(key))!);
        File.Delete(_live.Lake.Store.LocalPath(WatermarkStore.KeyFor("yahoo", "chart", "AAPL"))!);

        var again = await _live.BackfillAsync(_live.Yahoo(), From, To, ["AAPL"]);

        Assert.Equal(RequestOutcome.AlreadyLanded, Assert.Single(again.Requests).Outcome);
        var watermark = await new WatermarkStore(_live.Lake.Store).ReadAsync("yahoo", "chart", "AAPL", default);
        Assert.Equal((To, key), (watermark!.Through, watermark.ObjectKey));
        Assert.True(await _live.Lake.Store.ExistsAsync(LakeLayout.RawMetadata(key), default));
    }

    [Fact]
    public async Task A_429_with_an_http_date_is_retried_after_that_date()
    {
        var at = _live.Clock.GetUtcNow().AddSeconds(4).ToString("r", CultureInfo.InvariantCulture);
        Chart("AAPL", ScriptedResponse.Fixture("yahoo-live/too-many-requests.txt", 429) with { Headers = new Dictionary<string, string> { ["Retry-After"] = at } });

        var report = await _live.BackfillAsync(_live.Yahoo(), From, To, ["AAPL"]);

        Assert.Equal(1, report.Landed);
        var delay = long.Parse(Assert.Single(_live.Log.Events, e => e.Properties.ContainsKey("DelayMs")).Properties["DelayMs"].ToString(), CultureInfo.InvariantCulture);
        Assert.InRange(delay, 1, 4000);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_and_the_third_attempt_lands()
    {
        Chart("AAPL", ScriptedResponse.Text(500, "oops"), ScriptedResponse.Text(503, "busy"));

        var report = await _live.BackfillAsync(_live.Yahoo(), From, To, ["AAPL"]);

        Assert.Equal((RequestOutcome.Ok, 3), (report.Requests[0].Outcome, report.Requests[0].Attempts));
        Assert.Equal(1, report.Landed);
        Assert.Equal(3, report.Attempts);
    }

    [Fact]
    public async Task Persistent_server_errors_end_after_the_bounded_attempts_and_land_nothing()
    {
        _live.Server.Fallback(Path("AAPL"), ScriptedResponse.Text(500, "oops"));

        var report = await _live.BackfillAsync(_live.Yahoo(), From, To, ["AAPL"]);

        var failure = Assert.Single(report.Failures);
        Assert.Equal(RequestOutcome.ServerError, failure.Outcome);
        Assert.StartsWith("HTTP 500", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(3, _live.Server.CountFor(Path("AAPL")));
        Assert.Empty(await _live.Lake.KeysAsync("raw/"));
        Assert.Empty(await _live.Lake.KeysAsync("_state/watermarks/"));
    }

    [Fact]
    public async Task A_response_slower_than_the_timeout_is_abandoned_and_retried()
    {
        // 20 s (accelerated: 2 real seconds) timeout; the first answer would take 10 real seconds.
        Chart("AAPL", ScriptedResponse.Json(Fixtures.YahooChartFor("AAPL")) with { Delay = TimeSpan.FromSeconds(10) });

        var report = await _live.BackfillAsync(_live.Yahoo(), From, To, ["AAPL"]);

        Assert.Equal((RequestOutcome.Ok, 2), (report.Requests[0].Outcome, report.Requests[0].Attempts));
        Assert.Contains(_live.Log.Events, e => e.Properties.TryGetValue("Outcome", out var o) && o.ToString() == "\"timeout\"");
        Assert.Single(await _live.Lake.RawBodiesAsync());
    }

    [Theory]
    [InlineData("yahoo-live/chart-aapl-truncated.json")]
    [InlineData("yahoo/rate-limited.html")]
    public async Task A_200_answer_that_is_truncated_or_not_json_is_retried_within_the_run_like_a_5xx(string badAnswer)
    {
        var bad = badAnswer.EndsWith(".html", StringComparison.Ordinal)
            ? ScriptedResponse.Fixture(badAnswer)
            : ScriptedResponse.Json(Fixtures.YahooChartFor("AAPL", badAnswer));
        Chart("AAPL", bad, bad);

        var report = await _live.BackfillAsync(_live.Yahoo(), From, To, ["AAPL"]);

        Assert.Equal((RequestOutcome.Ok, 3), (report.Requests[0].Outcome, report.Requests[0].Attempts));
        Assert.Equal(3, _live.Server.CountFor(Path("AAPL")));
        Assert.Single(await _live.Lake.RawBodiesAsync());
    }

    [Fact]
    public async Task Bad_answers_are_classified_and_recorded_and_only_data_lands()
    {
        // The HTML page and the truncated chart persist through every attempt (see the retry test below).
        _live.Server.Fallback(Path("AAPL"), ScriptedResponse.Fixture("yahoo/rate-limited.html"));
        _live.Server.Fallback(Path("MSFT"), ScriptedResponse.Json(Fixtures.YahooChartFor("MSFT", "yahoo-live/chart-aapl-truncated.json")));
        _live.Server.Script(Path("DEAD"), ScriptedResponse.Fixture("yahoo/chart-not-found.json", 404));
        _live.Server.Script(Path("AMZN"), ScriptedResponse.Json(Fixtures.YahooChartFor("AMZN", "yahoo-live/chart-aapl-no-sessions.json")));
        _live.Server.Script(Path("NVDA"), ScriptedResponse.Json(Fixtures.YahooChartFor("NVDA", "yahoo-live/chart-aapl-with-bar-after-end.json")));
        _live.Server.Fallback(Path("CUT"), ScriptedResponse.Json(Fixtures.YahooChartFor("CUT")) with { CutAfterBytes = 300 });

        var report = await _live.BackfillAsync(_live.Yahoo(), new DateOnly(2025, 1, 6), new DateOnly(2025, 1, 8), ["AAPL", "MSFT", "DEAD", "AMZN", "NVDA", "CUT"], parallelism: 3);

        Assert.Equal(
            new Dictionary<string, int> { ["ok"] = 1, ["empty_series"] = 1, ["symbol_rejected"] = 1, ["wrong_format"] = 1, ["malformed"] = 1, ["network_error"] = 1 },
            report.Outcomes);
        Assert.Equal(RequestOutcome.WrongFormat, report.Requests.Single(r => r.Symbol == "AAPL").Outcome);
        Assert.Equal(RequestOutcome.Malformed, report.Requests.Single(r => r.Symbol == "MSFT").Outcome);
        Assert.Equal(RequestOutcome.SymbolRejected, report.Requests.Single(r => r.Symbol == "DEAD").Outcome);
        Assert.Equal(3, report.Requests.Single(r => r.Symbol == "CUT").Attempts);
        Assert.Equal((3, 3), (report.Requests.Single(r => r.Symbol == "AAPL").Attempts, report.Requests.Single(r => r.Symbol == "MSFT").Attempts));
        Assert.Equal(1, report.BarsAfterEnd);
        Assert.Equal(4, report.Failures.Count);
        Assert.Equal(["AMZN", "NVDA"], (await _live.Lake.RawBodiesAsync()).Select(LakeLayout.SymbolOf));
        Assert.Equal(4, (await _live.Lake.KeysAsync("raw/")).Count);
        // Only NVDA brought dated bars; the empty AMZN series moves no watermark.
        Assert.Equal(["_state/watermarks/source=yahoo/dataset=chart/NVDA.json"], await _live.Lake.KeysAsync("_state/watermarks/"));
    }

    [Fact]
    public async Task A_rerun_on_the_same_ingest_date_sends_nothing_and_lands_nothing()
    {
        Chart("AAPL");
        Chart("MSFT");
        await _live.BackfillAsync(_live.Yahoo(), From, To, ["AAPL", "MSFT"]);
        var before = await _live.Lake.KeysAsync();

        var rerun = await _live.BackfillAsync(_live.Yahoo(), From, To, ["AAPL", "MSFT"]);

        Assert.Equal((0, 2), (rerun.Landed, rerun.AlreadyPresent));
        Assert.Equal(new Dictionary<string, int> { ["already_landed"] = 2 }, rerun.Outcomes);
        Assert.Equal(2, _live.Server.Received.Count);
        Assert.Equal(before, await _live.Lake.KeysAsync());
    }

    [Fact]
    public async Task A_range_without_a_trading_day_sends_no_request()
    {
        var report = await _live.BackfillAsync(_live.Yahoo(), new DateOnly(2025, 1, 4), new DateOnly(2025, 1, 5), ["AAPL"]);

        Assert.Equal(0, report.Requested);
        Assert.Single(report.NotRequested);
        Assert.Empty(_live.Server.Received);
    }
}
