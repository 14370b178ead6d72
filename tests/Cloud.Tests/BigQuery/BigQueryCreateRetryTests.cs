using System.Net.Http.Headers;

namespace StockLakehouse.Cloud.Tests.BigQuery;

/// <summary>jobs.insert, tables.insert and datasets.insert resent after transient failures, and 409 followed.</summary>
public sealed class BigQueryCreateRetryTests
{
    [Fact]
    public async Task LoadAsync_JobsInsertUnavailableThenAccepted_SendsTheSameJobIdTwice()
    {
        var handler = new ScriptedHandler()
            .ThenFixture("bigquery/error_backend.json", HttpStatusCode.ServiceUnavailable)
            .ThenFixture("bigquery/job_load_running.json")
            .ThenFixture("bigquery/job_load_done.json")
            .ThenFixture("bigquery/job_query_done.json");
        var clock = new RecordingClock(Clients.Start);

        var result = await Clients.Warehouse(handler, clock).LoadAsync(Catalogs.Table("fact_stock_price"), Clients.Bucket, "run1", CancellationToken.None);

        Assert.Equal(["POST", "POST", "GET", "POST"], handler.Requests.Select(r => r.Method.Method));
        var first = JobIdOf(handler.Requests[0]);
        Assert.Equal(first, JobIdOf(handler.Requests[1]));
        Assert.Equal(handler.Requests[0].Body, handler.Requests[1].Body);
        Assert.StartsWith("lakehouse_load_fact_stock_price_", first, StringComparison.Ordinal);
        Assert.NotEqual(first, JobIdOf(handler.Requests[3]));
        Assert.Equal(Backoff.Requests.Initial, clock.Waits[0]);
        Assert.Equal(50200, result.StagedRows);
    }

    [Fact]
    public async Task LoadAsync_JobsInsertAnsweredConflictAfterALostAnswer_FollowsTheExistingJobToDone()
    {
        var handler = new ScriptedHandler()
            .ThenThrow(new HttpRequestException("Connection reset by peer"))
            .ThenFixture("bigquery/error_job_already_exists.json", HttpStatusCode.Conflict)
            .ThenFixture("bigquery/job_load_running.json")
            .ThenFixture("bigquery/job_load_running.json")
            .ThenFixture("bigquery/job_load_done.json")
            .ThenFixture("bigquery/job_query_done.json");

        var result = await Clients.Warehouse(handler, new RecordingClock(Clients.Start)).LoadAsync(Catalogs.Table("fact_stock_price"), Clients.Bucket, "run1", CancellationToken.None);

        var jobId = JobIdOf(handler.Requests[0]);
        Assert.Equal(jobId, JobIdOf(handler.Requests[1]));
        Assert.Equal($"GET {Clients.BigQueryJobs}/{jobId}?location=europe-west1", handler.Requests[2].ToString());
        Assert.Equal(["POST", "POST", "GET", "GET", "GET", "POST"], handler.Requests.Select(r => r.Method.Method));
        Assert.Equal("lakehouse_load_fact_stock_price_20260101_000000_1a2b3c4d", result.LoadJobId);
        Assert.Equal(0, handler.Remaining);
    }

    [Fact]
    public async Task LoadAsync_JobsInsertRateLimitedWithRetryAfter_WaitsWhatBigQueryAsked()
    {
        var handler = new ScriptedHandler()
            .ThenFixture("bigquery/error_rate_limit_exceeded.json", HttpStatusCode.Forbidden, new RetryConditionHeaderValue(TimeSpan.FromSeconds(12)))
            .ThenFixture("bigquery/job_load_done.json")
            .ThenFixture("bigquery/job_query_done.json");
        var clock = new RecordingClock(Clients.Start);

        await Clients.Warehouse(handler, clock).LoadAsync(Catalogs.Table("fact_stock_price"), Clients.Bucket, "run1", CancellationToken.None);

        Assert.Equal(JobIdOf(handler.Requests[0]), JobIdOf(handler.Requests[1]));
        Assert.Equal([TimeSpan.FromSeconds(12)], clock.Waits);
    }

    [Fact]
    public async Task EnsureTableAsync_InsertAnsweredConflict_ChecksTheTableThatExists()
    {
        var handler = new ScriptedHandler()
            .ThenFixture("bigquery/error_table_not_found.json", HttpStatusCode.NotFound)
            .ThenFixture("bigquery/error_backend.json", HttpStatusCode.ServiceUnavailable)
            .ThenFixture("bigquery/error_table_already_exists.json", HttpStatusCode.Conflict)
            .ThenFixture("bigquery/table_dim_exchange.json");

        var outcome = await Clients.Warehouse(handler, new RecordingClock(Clients.Start)).EnsureTableAsync(Catalogs.Table("dim_exchange"), CancellationToken.None);

        Assert.Equal(TableProvisioning.Existed, outcome);
        Assert.Equal(["GET", "POST", "POST", "GET"], handler.Requests.Select(r => r.Method.Method));
        Assert.Equal(handler.Requests[1].Body, handler.Requests[2].Body);
    }

    [Fact]
    public async Task EnsureTableAsync_ConflictOnATableWithOtherColumns_ThrowsNamingTheDifference()
    {
        var handler = new ScriptedHandler()
            .ThenFixture("bigquery/error_table_not_found.json", HttpStatusCode.NotFound)
            .ThenFixture("bigquery/error_table_already_exists.json", HttpStatusCode.Conflict)
            .ThenFixture("bigquery/table_dim_exchange.json");
        var table = Catalogs.Table("fact_stock_price");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Clients.Warehouse(handler, new RecordingClock(Clients.Start)).EnsureTableAsync(table, CancellationToken.None));

        Assert.Contains("does not match schemas/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureDatasetAsync_UnavailableThenCreated_ReportsCreated()
    {
        var handler = new ScriptedHandler()
            .ThenFixture("bigquery/error_backend.json", HttpStatusCode.ServiceUnavailable)
            .ThenFixture("bigquery/dataset_inserted.json");

        Assert.True(await Clients.Warehouse(handler, new RecordingClock(Clients.Start)).EnsureDatasetAsync("d", CancellationToken.None));
        Assert.Equal(handler.Requests[0].Body, handler.Requests[1].Body);
    }

    [Fact]
    public async Task EnsureDatasetAsync_UnavailableThenConflict_ReportsItExists()
    {
        var handler = new ScriptedHandler()
            .ThenThrow(new HttpRequestException("Connection reset by peer"))
            .ThenFixture("bigquery/error_dataset_already_exists.json", HttpStatusCode.Conflict)
            .ThenFixture("bigquery/dataset_inserted.json");

        Assert.False(await Clients.Warehouse(handler, new RecordingClock(Clients.Start)).EnsureDatasetAsync("d", CancellationToken.None));
        Assert.Equal(3, handler.Requests.Count);
        Assert.StartsWith("GET ", handler.Requests[2].ToString(), StringComparison.Ordinal);
    }

    private static string JobIdOf(ReceivedRequest request) => request.Json["jobReference"]!["jobId"]!.GetValue<string>();
}
