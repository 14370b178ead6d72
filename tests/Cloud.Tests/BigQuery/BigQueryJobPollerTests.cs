namespace StockLakehouse.Cloud.Tests.BigQuery;

public sealed class BigQueryJobPollerTests
{
    [Fact]
    public async Task WaitAsync_RunningThenDone_PollsJobsGetWithGrowingPauses()
    {
        var handler = new ScriptedHandler()
            .ThenFixture("bigquery/job_load_running.json")
            .ThenFixture("bigquery/job_load_running.json")
            .ThenFixture("bigquery/job_load_done.json");
        var (poller, clock) = Poller(handler);
        var started = BigQueryJob.From(System.Text.Json.Nodes.JsonNode.Parse(FixtureFiles.Text("bigquery/job_load_running.json"))!.AsObject());

        var done = await poller.WaitAsync(started, CancellationToken.None);

        Assert.True(done.IsDone);
        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.EndsWith("/jobs/lakehouse_load_fact_stock_price_20260101_000000_1a2b3c4d?location=europe-west1", r.Uri.ToString(), StringComparison.Ordinal));
        Assert.Equal([TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], clock.Waits);
    }

    [Fact]
    public async Task WaitAsync_DoneWithErrorResult_ThrowsWithEveryBigQueryMessageVerbatim()
    {
        var handler = new ScriptedHandler().ThenFixture("bigquery/job_load_failed.json");
        var (poller, _) = Poller(handler);

        var error = await Assert.ThrowsAsync<BigQueryJobFailedException>(() => poller.WaitAsync(Running(), CancellationToken.None));

        Assert.Equal("invalid", error.ErrorResult.Reason);
        Assert.Equal(
            "BigQuery job lakehouse_load_fact_stock_price_20260101_000000_1a2b3c4d failed: "
            + "Error while reading data, error message: Provided schema is not compatible with the file 'part-0.parquet'. Field 'volume' is specified as INT64 but the file has DOUBLE. "
            + "(reason: invalid, location: gs://stock-lakehouse-lake/gold/fact_stock_price/symbol=AAPL/part-0.parquet)\n"
            + "  Error while reading data, error message: Failed to read Parquet file gs://stock-lakehouse-lake/gold/fact_stock_price/symbol=AAPL/part-0.parquet. (reason: invalid)",
            error.Message);
        Assert.Equal(2, error.Errors.Count);
    }

    [Fact]
    public async Task WaitAsync_TransientPollFailure_RetriesAndFinishes()
    {
        var handler = new ScriptedHandler()
            .ThenFixture("bigquery/error_backend.json", HttpStatusCode.ServiceUnavailable)
            .ThenFixture("bigquery/job_load_done.json");
        var (poller, _) = Poller(handler);

        var done = await poller.WaitAsync(Running(), CancellationToken.None);

        Assert.True(done.IsDone);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task WaitAsync_ResetConnectionAndRequestTimeout_AreRetriedLikeTransientStatuses()
    {
        var handler = new ScriptedHandler()
            .ThenThrow(new HttpRequestException("Connection reset by peer"))
            .ThenThrow(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout", new TimeoutException()))
            .ThenFixture("bigquery/job_load_done.json");
        var (poller, _) = Poller(handler);

        var done = await poller.WaitAsync(Running(), CancellationToken.None);

        Assert.True(done.IsDone);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task WaitAsync_ServerKeepsFailing_SurfacesItsErrorAfterTheRetries()
    {
        var handler = new ScriptedHandler(_ => (HttpStatusCode.ServiceUnavailable, FixtureFiles.Text("bigquery/error_backend.json")));
        var clock = new RecordingClock(Clients.Start);
        var poller = new BigQueryJobPoller(Clients.BigQuery(handler, clock), clock, Backoff.BigQueryJobs, Serilog.Core.Logger.None);

        var error = await Assert.ThrowsAsync<GoogleApiException>(() => poller.WaitAsync(Running(), CancellationToken.None));

        Assert.Equal("Error encountered during execution. Retrying may solve the problem.", error.ApiMessage());
        // Each poll is tried six times by the transport; the poll loop tolerates MaxTransientFailures such polls in a row.
        Assert.Equal((TransientPolling.MaxTransientFailures + 1) * 6, handler.Requests.Count);
    }

    [Fact]
    public async Task WaitAsync_RateLimitExceededWhilePolling_KeepsPollingToDone()
    {
        var handler = new ScriptedHandler()
            .ThenFixture("bigquery/error_rate_limit_exceeded.json", HttpStatusCode.Forbidden)
            .ThenFixture("bigquery/error_rate_limit_exceeded.json", HttpStatusCode.Forbidden)
            .ThenFixture("bigquery/job_load_running.json")
            .ThenFixture("bigquery/job_load_done.json");
        var (poller, clock) = Poller(handler);

        var done = await poller.WaitAsync(Running(), CancellationToken.None);

        Assert.True(done.IsDone);
        Assert.Equal(4, handler.Requests.Count);
        Assert.Equal(
            [Backoff.BigQueryJobs.DelayBefore(0), Backoff.Requests.DelayBefore(0), Backoff.Requests.DelayBefore(1), Backoff.BigQueryJobs.DelayBefore(1)],
            clock.Waits);
    }

    [Fact]
    public async Task WaitAsync_AccessDeniedWhilePolling_StopsWithTheError()
    {
        var handler = new ScriptedHandler().ThenFixture("bigquery/error_access_denied.json", HttpStatusCode.Forbidden);
        var (poller, _) = Poller(handler);

        var error = await Assert.ThrowsAsync<GoogleApiException>(() => poller.WaitAsync(Running(), CancellationToken.None));

        Assert.Equal(["accessDenied"], error.Reasons());
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task WaitAsync_Cancelled_StopsPolling()
    {
        var handler = new ScriptedHandler();
        var (poller, _) = Poller(handler);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poller.WaitAsync(Running(), cancelled.Token));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task QueryAsync_IncompleteThenComplete_ReadsTheResultsOfTheSameJob()
    {
        var handler = new ScriptedHandler()
            .ThenFixture("bigquery/query_incomplete.json")
            .ThenFixture("bigquery/query_results_violations.json");
        var (poller, _) = Poller(handler);

        var result = await poller.QueryAsync("SELECT COUNT(*) AS violations FROM x", "europe-west1", CancellationToken.None);

        Assert.Equal(2, result.SingleLong());
        Assert.Equal(HttpMethod.Get, handler.Requests[1].Method);
        Assert.Contains("/queries/job_Hq8wN2pLk5sJt7Ue3rYc0vBa?timeoutMs=10000&location=europe-west1", handler.Requests[1].Uri.ToString(), StringComparison.Ordinal);
    }

    private static BigQueryJob Running() =>
        BigQueryJob.From(System.Text.Json.Nodes.JsonNode.Parse(FixtureFiles.Text("bigquery/job_load_running.json"))!.AsObject());

    private static (BigQueryJobPoller Poller, RecordingClock Clock) Poller(ScriptedHandler handler)
    {
        var clock = new RecordingClock(Clients.Start);
        return (new BigQueryJobPoller(Clients.BigQuery(handler, clock), clock, Backoff.BigQueryJobs, Serilog.Core.Logger.None), clock);
    }
}
