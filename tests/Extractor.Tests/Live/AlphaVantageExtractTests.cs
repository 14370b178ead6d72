using StockLakehouse.Extractor.Landing;
using StockLakehouse.Extractor.Sources.AlphaVantage;

namespace StockLakehouse.Extractor.Tests.Live;

public sealed class AlphaVantageExtractTests : IAsyncLifetime
{
    private const string Daily = "TIME_SERIES_DAILY";
    private static readonly DateOnly From = new(2025, 1, 2);
    private static readonly DateOnly To = new(2025, 1, 10);
    private readonly LiveHarness _live = new(LocalHttpServer.ByFunctionAndSymbol);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _live.DisposeAsync().AsTask();

    /// <summary>The IBM series fixture, answered for whichever symbol was asked.</summary>
    private static ScriptedResponse Series() => ScriptedResponse.Fixture("alphavantage/time-series-daily-ibm.json") with
    {
        Rewrite = (request, body) => body.Replace("\"IBM\"", $"\"{request.QueryValue("symbol")}\"", StringComparison.Ordinal),
    };

    /// <summary>An Alpha Vantage message fixture, with the caller's key echoed where Alpha Vantage echoes it.</summary>
    private static ScriptedResponse Message(string fixture) => ScriptedResponse.Fixture(fixture) with
    {
        Rewrite = (request, body) => body.Replace("{{APIKEY}}", request.QueryValue("apikey"), StringComparison.Ordinal),
    };

    [Fact]
    public async Task A_daily_series_lands_with_the_key_sent_but_never_stored()
    {
        _live.Server.Script($"{Daily} IBM", Series());
        _live.Server.Script($"{Daily} BRK.B", Series());

        var report = await _live.BackfillAsync(_live.AlphaVantage()[0], From, To, ["IBM", "BRK-B"]);

        Assert.Equal(2, report.Landed);
        Assert.All(_live.Server.Received, r =>
        {
            Assert.Equal("/query", r.Path);
            Assert.Equal(LiveHarness.ApiKey, r.QueryValue("apikey"));
            Assert.Equal(("compact", "json"), (r.QueryValue("outputsize"), r.QueryValue("datatype")));
        });
        var key = RawLander.KeyFor("alphavantage", "time_series_daily", "BRK-B", From, To, LiveHarness.IngestDate);
        var metadata = RawObjectMetadata.FromJson((await _live.Lake.Store.ReadAsync(LakeLayout.RawMetadata(key), default))!, key);
        Assert.EndsWith("query?function=TIME_SERIES_DAILY&symbol=BRK.B&outputsize=compact&datatype=json&apikey=REDACTED", metadata.Url, StringComparison.Ordinal);
        _live.AssertKeyNowhere(report);
    }

    [Fact]
    public async Task The_daily_cap_stops_the_source_and_the_next_run_lands_each_missing_object_once()
    {
        string[] symbols = ["AAA", "BBB", "CCC", "DDD", "EEE"];
        _live.Server.Script($"{Daily} AAA", Series());
        _live.Server.Script($"{Daily} BBB", Series());
        _live.Server.Script($"{Daily} CCC", Message("alphavantage/information-daily-cap.json"));

        var first = await _live.BackfillAsync(_live.AlphaVantage()[0], From, To, symbols);

        Assert.Equal(new Dictionary<string, int> { ["ok"] = 2, ["daily_cap_reached"] = 1, ["skipped"] = 2 }, first.Outcomes);
        Assert.Contains("daily request cap", first.StoppedReason, StringComparison.Ordinal);
        // Alpha Vantage echoed the key in its notice; the recorded reason carries the notice with the key masked.
        Assert.Contains("detected your API key as REDACTED", first.StoppedReason, StringComparison.Ordinal);
        Assert.Equal(3, _live.Server.Received.Count);
        Assert.Equal(["AAA", "BBB"], (await _live.Lake.RawBodiesAsync()).Select(LakeLayout.SymbolOf));

        // The next day's quota: a fresh run on the next business day (new sources, as a new process would build,
        // landing under a new ingest date) resumes where the first stopped and asks nothing already landed.
        foreach (var symbol in new[] { "CCC", "DDD", "EEE" })
        {
            _live.Server.Script($"{Daily} {symbol}", Series());
        }

        var second = await _live.BackfillAsync(_live.AlphaVantage()[0], From, To, symbols, ingestDate: LiveHarness.IngestDate.AddDays(3));

        Assert.Equal(new Dictionary<string, int> { ["ok"] = 3, ["already_landed"] = 2 }, second.Outcomes);
        Assert.Null(second.StoppedReason);
        Assert.All(symbols, s => Assert.Equal(s is "CCC" ? 2 : 1, _live.Server.CountFor($"{Daily} {s}")));
        var bodies = await _live.Lake.RawBodiesAsync();
        Assert.Equal(symbols, bodies.Select(LakeLayout.SymbolOf));
        Assert.Equal(10, (await _live.Lake.KeysAsync("raw/")).Count);
        _live.AssertKeyNowhere(first, second);
    }

    [Fact]
    public async Task Requests_waiting_for_a_permit_when_the_cap_is_hit_are_not_sent()
    {
        // One request a minute: whichever symbol gets the first permit learns that the day's cap is reached while
        // the other two wait for theirs (which symbol wins the race is up to the scheduler, so all three would
        // hear the cap).
        foreach (var symbol in new[] { "AAA", "BBB", "CCC" })
        {
            _live.Server.Script($"{Daily} {symbol}", Message("alphavantage/information-daily-cap.json"));
        }

        var source = _live.Sources(new ExtractSourceOptions
        {
            Source = ExtractSourceCatalog.AlphaVantage,
            AlphaVantage = new AlphaVantageOptions { BaseUrl = _live.Server.BaseUrl, RequestsPerMinute = 1, Policy = LiveHarness.Policy },
        })[0];

        var report = await _live.BackfillAsync(source, From, To, ["AAA", "BBB", "CCC"], parallelism: 3);

        var sent = Assert.Single(_live.Server.Received).QueryValue("symbol");
        Assert.Equal(new Dictionary<string, int> { ["daily_cap_reached"] = 1, ["skipped"] = 2 }, report.Outcomes);
        Assert.Equal(RequestOutcome.DailyCapReached, report.Requests.Single(r => r.Symbol == sent).Outcome);
    }

    [Fact]
    public async Task Our_own_daily_budget_stops_the_source_before_the_provider_has_to()
    {
        foreach (var symbol in new[] { "AAA", "BBB", "CCC", "DDD", "EEE" })
        {
            _live.Server.Script($"{Daily} {symbol}", Series());
        }

        var report = await _live.BackfillAsync(_live.AlphaVantage(new AlphaVantageOptions { RequestsPerDay = 3 })[0], From, To, ["AAA", "BBB", "CCC", "DDD", "EEE"]);

        Assert.Equal(new Dictionary<string, int> { ["ok"] = 3, ["daily_cap_reached"] = 1, ["skipped"] = 1 }, report.Outcomes);
        Assert.Equal(3, _live.Server.Received.Count);
        Assert.Equal(0, report.Requests.Single(r => r.Symbol == "DDD").Attempts);
    }

    [Fact]
    public async Task A_per_minute_note_is_waited_out_and_retried()
    {
        _live.Server.Script($"{Daily} IBM", Message("alphavantage/note-per-minute.json"), Series());

        var report = await _live.BackfillAsync(_live.AlphaVantage()[0], From, To, ["IBM"]);

        Assert.Equal((RequestOutcome.Ok, 2), (report.Requests[0].Outcome, report.Requests[0].Attempts));
        Assert.Equal("2000", Assert.Single(_live.Log.Events, e => e.Properties.ContainsKey("DelayMs")).Properties["DelayMs"].ToString());
    }

    [Fact]
    public async Task A_per_minute_note_that_outlasts_every_attempt_stops_the_source_and_the_next_run_resumes()
    {
        // AAA is throttled on all three attempts; the source stops rather than ask BBB and CCC only to be refused.
        _live.Server.Script($"{Daily} AAA", Message("alphavantage/note-per-minute.json"), Message("alphavantage/note-per-minute.json"), Message("alphavantage/note-per-minute.json"), Series());
        _live.Server.Script($"{Daily} BBB", Series());
        _live.Server.Script($"{Daily} CCC", Series());

        var first = await _live.BackfillAsync(_live.AlphaVantage()[0], From, To, ["AAA", "BBB", "CCC"]);

        Assert.Equal(new Dictionary<string, int> { ["throttled"] = 1, ["skipped"] = 2 }, first.Outcomes);
        Assert.Equal(3, _live.Server.Received.Count);
        Assert.Contains("5 calls per minute", first.StoppedReason, StringComparison.Ordinal);

        var next = await _live.BackfillAsync(_live.AlphaVantage()[0], From, To, ["AAA", "BBB", "CCC"]);

        Assert.Equal(new Dictionary<string, int> { ["ok"] = 3 }, next.Outcomes);
    }

    [Fact]
    public async Task An_unknown_symbol_is_rejected_and_the_others_land()
    {
        _live.Server.Script($"{Daily} IBM", Series());
        _live.Server.Script($"{Daily} XXXX", Message("alphavantage/error-invalid-symbol.json"));
        _live.Server.Fallback($"{Daily} TRNC", ScriptedResponse.Fixture("alphavantage/time-series-daily-ibm-truncated.json"));

        var report = await _live.BackfillAsync(_live.AlphaVantage()[0], From, To, ["IBM", "XXXX", "TRNC"]);

        Assert.Equal(new Dictionary<string, int> { ["ok"] = 1, ["symbol_rejected"] = 1, ["malformed"] = 1 }, report.Outcomes);
        Assert.Single(await _live.Lake.RawBodiesAsync());
        Assert.Null(report.StoppedReason);
    }

    [Fact]
    public async Task Full_output_on_a_free_key_is_reported_premium_only()
    {
        _live.Server.Script($"{Daily} IBM", Message("alphavantage/information-premium-outputsize-full.json"));

        var report = await _live.BackfillAsync(_live.AlphaVantage(new AlphaVantageOptions { FullOutput = true })[0], From, To, ["IBM"]);

        var failure = Assert.Single(report.Failures);
        Assert.Equal(RequestOutcome.PremiumOnly, failure.Outcome);
        Assert.Contains("premium plan", failure.Reason, StringComparison.Ordinal);
        Assert.Equal("full", _live.Server.Received[0].QueryValue("outputsize"));
    }

    [Fact]
    public async Task A_rejected_key_stops_every_dataset_of_the_source()
    {
        _live.Server.Script($"{Daily} IBM", Message("alphavantage/error-invalid-apikey.json"));
        var sources = _live.AlphaVantage(new AlphaVantageOptions { Datasets = [AlphaVantageDataset.TimeSeriesDaily, AlphaVantageDataset.Overview] });

        var daily = await _live.BackfillAsync(sources[0], From, To, ["IBM", "MSFT"]);
        var overview = await _live.BackfillAsync(sources[1], From, To, ["IBM"]);

        Assert.Equal(new Dictionary<string, int> { ["unauthorized"] = 1, ["skipped"] = 1 }, daily.Outcomes);
        Assert.Equal(new Dictionary<string, int> { ["skipped"] = 1 }, overview.Outcomes);
        Assert.Single(_live.Server.Received);
        Assert.Contains("rejected the API key", overview.StoppedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overviews_land_as_json_and_listings_as_csv_in_their_own_datasets()
    {
        _live.Server.Script("OVERVIEW IBM", ScriptedResponse.Fixture("alphavantage/overview-ibm.json"));
        _live.Server.Script("OVERVIEW NOPE", ScriptedResponse.Fixture("alphavantage/overview-unknown-symbol.json"));
        _live.Server.Script("LISTING_STATUS active", ScriptedResponse.Fixture("alphavantage/listing-status-active.csv"));
        _live.Server.Script("LISTING_STATUS delisted", ScriptedResponse.Fixture("alphavantage/listing-status-delisted.csv"));
        var sources = _live.AlphaVantage(new AlphaVantageOptions { Datasets = [AlphaVantageDataset.Overview, AlphaVantageDataset.ListingStatus] });

        var overview = await _live.BackfillAsync(sources[0], From, To, ["IBM", "NOPE"]);
        var listing = await _live.BackfillAsync(sources[1], From, To, []);

        Assert.Equal(new Dictionary<string, int> { ["ok"] = 1, ["symbol_rejected"] = 1 }, overview.Outcomes);
        Assert.Equal(new Dictionary<string, int> { ["ok"] = 2 }, listing.Outcomes);
        var keys = await _live.Lake.KeysAsync("raw/");
        Assert.Equal(6, keys.Count);
        Assert.Equal(
            [RawLander.KeyFor("alphavantage", "overview", "IBM", LiveHarness.IngestDate, LiveHarness.IngestDate, LiveHarness.IngestDate)],
            keys.Where(k => k.Contains("/dataset=overview/", StringComparison.Ordinal) && LakeLayout.IsRawBody(k)));
        var csv = keys.Where(k => k.EndsWith(".csv", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, csv.Length);
        Assert.All(csv, k => Assert.Contains(RawLander.MetadataKeyFor(k), keys));
        Assert.Equal(FixtureFiles.Bytes("alphavantage/listing-status-delisted.csv"), await _live.Lake.Store.ReadAsync(csv.Single(k => k.Contains("/_delisted-", StringComparison.Ordinal)), default));
        Assert.Empty(await _live.Lake.KeysAsync("_state/watermarks/"));
    }
}
