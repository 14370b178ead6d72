namespace StockLakehouse.Extractor.Tests.Classification;

public sealed class YahooChartClassificationTests
{
    private static readonly ResponseClassifier Classifier = new(YahooChartReader.Instance);
    private static readonly RawRequest Aapl = new("AAPL", new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 10));

    private static ResponseVerdict Classify(byte[] body, int status = 200, RawRequest? request = null, TimeSpan? retryAfter = null) =>
        Classifier.Classify(request ?? Aapl, new SourceResponse(status, "https://query1.finance.yahoo.com/v8/finance/chart/AAPL", body, DateTimeOffset.UnixEpoch) { RetryAfter = retryAfter });

    [Fact]
    public void A_chart_with_bars_is_ok_with_its_rows_and_last_session()
    {
        var verdict = Classify(FixtureFiles.Bytes(Fixtures.YahooChart));

        Assert.Equal(RequestOutcome.Ok, verdict.Outcome);
        Assert.True(verdict.Lands);
        Assert.Equal(6, verdict.Rows);
        Assert.Equal(0, verdict.BarsAfterEnd);
        Assert.Equal(new DateOnly(2025, 1, 10), verdict.LastDate);
    }

    [Fact]
    public void A_bar_after_the_requested_end_is_counted_and_still_lands()
    {
        var verdict = Classify(FixtureFiles.Bytes("yahoo-live/chart-aapl-with-bar-after-end.json"), request: Aapl with { From = new DateOnly(2025, 1, 6), To = new DateOnly(2025, 1, 8) });

        Assert.Equal(RequestOutcome.Ok, verdict.Outcome);
        Assert.Equal(1, verdict.BarsAfterEnd);
        Assert.Equal(new DateOnly(2025, 1, 8), verdict.LastDate);
        Assert.Contains("after the requested end 2025-01-08", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chart_without_sessions_is_an_empty_series_that_lands()
    {
        var verdict = Classify(FixtureFiles.Bytes("yahoo-live/chart-aapl-no-sessions.json"));

        Assert.Equal(RequestOutcome.EmptySeries, verdict.Outcome);
        Assert.True(verdict.Lands);
        Assert.Null(verdict.LastDate);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(404)]
    public void Chart_error_not_found_rejects_the_symbol_whatever_the_status(int status)
    {
        var verdict = Classify(FixtureFiles.Bytes("yahoo/chart-not-found.json"), status);

        Assert.Equal(RequestOutcome.SymbolRejected, verdict.Outcome);
        Assert.Contains("delisted", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_body_is_malformed()
    {
        Assert.Equal(RequestOutcome.Malformed, Classify(FixtureFiles.Bytes("yahoo-live/chart-aapl-truncated.json")).Outcome);
    }

    [Fact]
    public void An_html_page_with_status_200_is_the_wrong_format()
    {
        var verdict = Classify(FixtureFiles.Bytes("yahoo/rate-limited.html"));

        Assert.Equal(RequestOutcome.WrongFormat, verdict.Outcome);
        Assert.Contains("HTML", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_html_page_with_a_client_error_status_is_an_http_error()
    {
        var verdict = Classify(FixtureFiles.Bytes("yahoo/rate-limited.html"), 403);

        Assert.Equal(RequestOutcome.HttpError, verdict.Outcome);
        Assert.StartsWith("HTTP 403", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_429_is_throttled_with_the_retry_after_the_source_gave()
    {
        var verdict = Classify(FixtureFiles.Bytes("yahoo-live/too-many-requests.txt"), 429, retryAfter: TimeSpan.FromSeconds(7));

        Assert.Equal(RequestOutcome.Throttled, verdict.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(7), verdict.RetryAfter);
        Assert.True(verdict.Outcome.IsRetryable());
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public void Server_errors_are_retryable(int status)
    {
        var verdict = Classify(FixtureFiles.Bytes(Fixtures.YahooChart), status);

        Assert.Equal(RequestOutcome.ServerError, verdict.Outcome);
        Assert.True(verdict.Outcome.IsRetryable());
        Assert.False(verdict.Lands);
    }

    [Fact]
    public void A_chart_for_another_symbol_is_unexpected_content()
    {
        var verdict = Classify(Fixtures.YahooChartFor("MSFT"));

        Assert.Equal(RequestOutcome.UnexpectedContent, verdict.Outcome);
        Assert.Contains("'MSFT', not AAPL", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_body_is_the_wrong_format()
    {
        Assert.Equal(RequestOutcome.WrongFormat, Classify([]).Outcome);
    }
}
