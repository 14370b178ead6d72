using System.Text;

namespace StockLakehouse.Extractor.Tests.Classification;

public sealed class AlphaVantageClassificationTests
{
    private static readonly AlphaVantageMessages Messages = new(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(2));
    private static readonly RawRequest Ibm = new("IBM", new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 10));

    private static ResponseVerdict Daily(string fixture, RawRequest? request = null) =>
        new ResponseClassifier(new AlphaVantageDailyReader(Messages)).Classify(request ?? Ibm, Response(FixtureFiles.Bytes(fixture)));

    private static ResponseVerdict Overview(string fixture) =>
        new ResponseClassifier(new AlphaVantageOverviewReader(Messages)).Classify(Ibm, Response(FixtureFiles.Bytes(fixture)));

    private static SourceResponse Response(byte[] body) => new(200, "https://www.alphavantage.co/query?function=X&apikey=REDACTED", body, DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_daily_series_is_ok_with_its_bars()
    {
        var verdict = Daily("alphavantage/time-series-daily-ibm.json");

        Assert.Equal(RequestOutcome.Ok, verdict.Outcome);
        Assert.Equal(6, verdict.Rows);
        Assert.Equal(new DateOnly(2025, 1, 10), verdict.LastDate);
    }

    [Fact]
    public void Bars_after_the_requested_end_are_counted()
    {
        var verdict = Daily("alphavantage/time-series-daily-ibm.json", Ibm with { To = new DateOnly(2025, 1, 7) });

        Assert.Equal(RequestOutcome.Ok, verdict.Outcome);
        Assert.Equal(2, verdict.BarsAfterEnd);
        Assert.Equal(new DateOnly(2025, 1, 7), verdict.LastDate);
    }

    [Fact]
    public void Class_shares_match_across_spellings()
    {
        var body = FixtureFiles.Text("alphavantage/time-series-daily-ibm.json").Replace("\"IBM\"", "\"BRK.B\"", StringComparison.Ordinal);
        var verdict = new ResponseClassifier(new AlphaVantageDailyReader(Messages)).Classify(Ibm with { Subject = "BRK-B" }, Response(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(RequestOutcome.Ok, verdict.Outcome);
    }

    [Fact]
    public void An_empty_series_lands()
    {
        var verdict = new ResponseClassifier(new AlphaVantageDailyReader(Messages))
            .Classify(Ibm with { Subject = "ZZZZ" }, Response(FixtureFiles.Bytes("alphavantage/time-series-daily-empty.json")));

        Assert.Equal(RequestOutcome.EmptySeries, verdict.Outcome);
        Assert.True(verdict.Lands);
    }

    [Theory]
    [InlineData("alphavantage/error-invalid-symbol.json", RequestOutcome.SymbolRejected)]
    [InlineData("alphavantage/error-invalid-apikey.json", RequestOutcome.Unauthorized)]
    [InlineData("alphavantage/information-daily-cap.json", RequestOutcome.DailyCapReached)]
    [InlineData("alphavantage/note-per-minute.json", RequestOutcome.Throttled)]
    [InlineData("alphavantage/information-burst.json", RequestOutcome.Throttled)]
    [InlineData("alphavantage/information-premium-outputsize-full.json", RequestOutcome.PremiumOnly)]
    [InlineData("alphavantage/time-series-daily-ibm-truncated.json", RequestOutcome.Malformed)]
    [InlineData("yahoo/rate-limited.html", RequestOutcome.WrongFormat)]
    [InlineData(Fixtures.YahooChart, RequestOutcome.UnexpectedContent)]
    public void Each_alpha_vantage_answer_has_its_outcome(string fixture, RequestOutcome expected)
    {
        var verdict = Daily(fixture);

        Assert.Equal(expected, verdict.Outcome);
        Assert.False(verdict.Lands);
    }

    [Fact]
    public void The_per_minute_note_waits_the_configured_throttle_wait_and_the_burst_notice_the_short_one()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), Daily("alphavantage/note-per-minute.json").RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(2), Daily("alphavantage/information-burst.json").RetryAfter);
    }

    [Fact]
    public void The_daily_cap_and_a_bad_key_stop_the_source_and_nothing_else_does()
    {
        Assert.True(Daily("alphavantage/information-daily-cap.json").Outcome.StopsSource());
        Assert.True(Daily("alphavantage/error-invalid-apikey.json").Outcome.StopsSource());
        Assert.False(Daily("alphavantage/error-invalid-symbol.json").Outcome.StopsSource());
        Assert.False(Daily("alphavantage/note-per-minute.json").Outcome.StopsSource());
    }

    [Fact]
    public void Premium_only_says_what_to_do()
    {
        Assert.Contains("use compact", Daily("alphavantage/information-premium-outputsize-full.json").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overview_is_ok_and_an_empty_overview_rejects_the_symbol()
    {
        Assert.Equal(RequestOutcome.Ok, Overview("alphavantage/overview-ibm.json").Outcome);
        Assert.Equal(RequestOutcome.SymbolRejected, Overview("alphavantage/overview-unknown-symbol.json").Outcome);
        Assert.Equal(RequestOutcome.DailyCapReached, Overview("alphavantage/information-daily-cap.json").Outcome);
    }

    [Fact]
    public void A_listing_is_ok_and_its_errors_arrive_as_json_messages()
    {
        var listing = new ResponseClassifier(new CsvReader("listing", ["symbol", "name", "status"], Messages));
        var request = new RawRequest("_active", new DateOnly(2025, 1, 10), new DateOnly(2025, 1, 10));

        var ok = listing.Classify(request, Response(FixtureFiles.Bytes("alphavantage/listing-status-active.csv")));
        var truncated = listing.Classify(request, Response(FixtureFiles.Bytes("alphavantage/listing-status-truncated.csv")));
        var capped = listing.Classify(request, Response(FixtureFiles.Bytes("alphavantage/information-daily-cap.json")));

        Assert.Equal((RequestOutcome.Ok, 8), (ok.Outcome, ok.Rows));
        Assert.Equal(RequestOutcome.Malformed, truncated.Outcome);
        Assert.Equal(RequestOutcome.DailyCapReached, capped.Outcome);
    }
}
