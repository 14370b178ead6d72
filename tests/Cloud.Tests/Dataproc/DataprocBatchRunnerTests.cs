using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace StockLakehouse.Cloud.Tests.Dataproc;

public sealed class DataprocBatchRunnerTests
{
    private const string BatchId = "lakehouse-silver-20251231";

    [Fact]
    public async Task RunAsync_NewBatch_CreatesItWithItsIdAndPollsItToSuccess()
    {
        var handler = new ScriptedHandler()
            .ThenFixture("dataproc/batch_create_operation.json")
            .ThenFixture("dataproc/batch_pending.json")
            .ThenFixture("dataproc/batch_running.json")
            .ThenFixture("dataproc/batch_succeeded.json");
        var clock = new RecordingClock(Clients.Start);

        var batch = await Clients.BatchRunner(handler, clock).RunAsync(BatchId, Body(), CancellationToken.None);

        Assert.Equal(DataprocBatch.Succeeded, batch.State);
        Assert.Equal(
            [$"POST {Clients.DataprocBatches}?batchId={BatchId}", $"GET {Clients.DataprocBatches}/{BatchId}", $"GET {Clients.DataprocBatches}/{BatchId}", $"GET {Clients.DataprocBatches}/{BatchId}"],
            handler.Requests.Select(r => r.ToString()));
        var posted = handler.Requests[0].Json;
        Assert.Equal("org.apache.spark.deploy.dotnet.DotnetRunner", posted["sparkBatch"]!["mainClass"]!.GetValue<string>());
        Assert.Equal("silver", posted["sparkBatch"]!["args"]![2]!.GetValue<string>());
        Assert.Equal("3.0", posted["runtimeConfig"]!["version"]!.GetValue<string>());
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)], clock.Waits);
    }

    [Fact]
    public async Task RunAsync_BatchFails_ReportsTheStateMessageAndWhereTheLogsAre()
    {
        var handler = new ScriptedHandler()
            .ThenFixture("dataproc/batch_create_operation.json")
            .ThenFixture("dataproc/batch_running.json")
            .ThenFixture("dataproc/batch_failed.json");

        var error = await Assert.ThrowsAsync<DataprocBatchFailedException>(() => Clients.BatchRunner(handler, new RecordingClock(Clients.Start)).RunAsync(BatchId, Body(), CancellationToken.None));

        Assert.Equal(DataprocBatch.Failed, error.State);
        Assert.StartsWith("Job failed with message [System.IO.FileNotFoundException: Could not load file or assembly 'StockLakehouse.Jobs", error.StateMessage, StringComparison.Ordinal);
        Assert.EndsWith("/driveroutput", error.OutputUri, StringComparison.Ordinal);
        Assert.EndsWith("/diagnostics.tar.gz", error.DiagnosticOutputUri, StringComparison.Ordinal);
        Assert.Equal(
            "https://console.cloud.google.com/logs/query;query=resource.type%3D%22cloud_dataproc_batch%22%0Aresource.labels.batch_id%3D%22lakehouse-silver-20251231%22?project=stock-lakehouse-test",
            error.LoggingUri);
        Assert.Contains("ended FAILED: Job failed with message", error.Message, StringComparison.Ordinal);
        Assert.Contains("driver output: gs://dataproc-staging-", error.Message, StringComparison.Ordinal);
        Assert.Contains("Cloud Logging: https://console.cloud.google.com/logs/query", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BatchCancelled_Throws()
    {
        var handler = new ScriptedHandler()
            .ThenFixture("dataproc/batch_create_operation.json")
            .ThenFixture("dataproc/batch_cancelled.json");

        var error = await Assert.ThrowsAsync<DataprocBatchFailedException>(() => Clients.BatchRunner(handler, new RecordingClock(Clients.Start)).RunAsync(BatchId, Body(), CancellationToken.None));

        Assert.Equal(DataprocBatch.Cancelled, error.State);
        Assert.Equal("Batch was cancelled by user analyst@example.com.", error.StateMessage);
    }

    [Fact]
    public async Task RunAsync_IdExistsAndSucceeded_FollowsItWithoutRunningItAgain()
    {
        var handler = new ScriptedHandler()
            .ThenFixture("dataproc/error_batch_already_exists.json", HttpStatusCode.Conflict)
            .ThenFixture("dataproc/batch_succeeded.json");

        var batch = await Clients.BatchRunner(handler, new RecordingClock(Clients.Start)).RunAsync(BatchId, Body(), CancellationToken.None);

        Assert.Equal(DataprocBatch.Succeeded, batch.State);
        Assert.Equal($"GET {Clients.DataprocBatches}/{BatchId}", handler.Requests[1].ToString());
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task RunAsync_IdExistsAndFailed_AdvisesANewAttempt()
    {
        var handler = new ScriptedHandler()
            .ThenFixture("dataproc/error_batch_already_exists.json", HttpStatusCode.Conflict)
            .ThenFixture("dataproc/batch_failed.json");

        var error = await Assert.ThrowsAsync<DataprocBatchFailedException>(() => Clients.BatchRunner(handler, new RecordingClock(Clients.Start)).RunAsync(BatchId, Body(), CancellationToken.None));

        Assert.EndsWith("submit a new attempt to run it again.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PermissionDenied_SurfacesDataprocsMessageVerbatim()
    {
        var handler = new ScriptedHandler().ThenFixture("dataproc/error_permission_denied.json", HttpStatusCode.Forbidden);

        var error = await Assert.ThrowsAsync<GoogleApiException>(() => Clients.BatchRunner(handler, new RecordingClock(Clients.Start)).RunAsync(BatchId, Body(), CancellationToken.None));

        Assert.Contains("HTTP 403 PERMISSION_DENIED: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(
            "Permission 'dataproc.batches.create' denied on resource '//dataproc.googleapis.com/projects/stock-lakehouse-test/locations/europe-west1' (or it may not exist).",
            error.ApiMessage());
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task WaitAsync_TransientPollFailure_KeepsPolling()
    {
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.ServiceUnavailable, "{\"error\":{\"code\":503,\"message\":\"The service is currently unavailable.\",\"status\":\"UNAVAILABLE\"}}")
            .ThenFixture("dataproc/batch_succeeded.json");

        var batch = await Clients.BatchRunner(handler, new RecordingClock(Clients.Start)).WaitAsync($"projects/stock-lakehouse-test/locations/europe-west1/batches/{BatchId}", CancellationToken.None);

        Assert.Equal(DataprocBatch.Succeeded, batch.State);
    }

    [Fact]
    public async Task RunAsync_CreateUnavailableThenAccepted_SendsTheSameBatchIdTwice()
    {
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.ServiceUnavailable, Unavailable)
            .ThenFixture("dataproc/batch_create_operation.json")
            .ThenFixture("dataproc/batch_succeeded.json");
        var clock = new RecordingClock(Clients.Start);

        var batch = await Clients.BatchRunner(handler, clock).RunAsync(BatchId, Body(), CancellationToken.None);

        Assert.Equal(DataprocBatch.Succeeded, batch.State);
        Assert.Equal(
            [$"POST {Clients.DataprocBatches}?batchId={BatchId}", $"POST {Clients.DataprocBatches}?batchId={BatchId}", $"GET {Clients.DataprocBatches}/{BatchId}"],
            handler.Requests.Select(r => r.ToString()));
        Assert.Equal(handler.Requests[0].Body, handler.Requests[1].Body);
        Assert.Equal(Backoff.Requests.Initial, clock.Waits[0]);
    }

    [Fact]
    public async Task RunAsync_CreateLostItsAnswerThenConflict_FollowsTheBatchTheFirstAttemptStarted()
    {
        var handler = new ScriptedHandler()
            .ThenThrow(new HttpRequestException("Connection reset by peer"))
            .ThenFixture("dataproc/error_batch_already_exists.json", HttpStatusCode.Conflict)
            .ThenFixture("dataproc/batch_running.json")
            .ThenFixture("dataproc/batch_succeeded.json");

        var batch = await Clients.BatchRunner(handler, new RecordingClock(Clients.Start)).RunAsync(BatchId, Body(), CancellationToken.None);

        Assert.Equal(DataprocBatch.Succeeded, batch.State);
        Assert.Equal(
            [$"POST {Clients.DataprocBatches}?batchId={BatchId}", $"POST {Clients.DataprocBatches}?batchId={BatchId}", $"GET {Clients.DataprocBatches}/{BatchId}", $"GET {Clients.DataprocBatches}/{BatchId}"],
            handler.Requests.Select(r => r.ToString()));
    }

    [Fact]
    public async Task RunAsync_CreateRateLimitedWithRetryAfterDate_WaitsUntilThatDate()
    {
        var clock = new RecordingClock(new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.Zero));
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.TooManyRequests, RateLimited, new RetryConditionHeaderValue(new DateTimeOffset(2026, 1, 1, 2, 0, 45, TimeSpan.Zero)))
            .ThenFixture("dataproc/batch_create_operation.json")
            .ThenFixture("dataproc/batch_succeeded.json");

        await Clients.BatchRunner(handler, clock).RunAsync(BatchId, Body(), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(45), clock.Waits[0]);
        Assert.Equal(handler.Requests[0].ToString(), handler.Requests[1].ToString());
    }

    [Fact]
    public async Task RunAsync_CreateRateLimitedWithRetryAfterSeconds_WaitsThatLong()
    {
        var clock = new RecordingClock(Clients.Start);
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.TooManyRequests, RateLimited, new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)))
            .ThenFixture("dataproc/batch_create_operation.json")
            .ThenFixture("dataproc/batch_succeeded.json");

        await Clients.BatchRunner(handler, clock).RunAsync(BatchId, Body(), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(3), clock.Waits[0]);
    }

    [Fact]
    public async Task WaitAsync_RateLimitedPolls_KeepPollingAndPermissionDeniedStops()
    {
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.TooManyRequests, RateLimited)
            .ThenFixture("dataproc/batch_running.json")
            .ThenFixture("dataproc/error_permission_denied.json", HttpStatusCode.Forbidden);

        var error = await Assert.ThrowsAsync<GoogleApiException>(() => Clients.BatchRunner(handler, new RecordingClock(Clients.Start)).WaitAsync($"projects/stock-lakehouse-test/locations/europe-west1/batches/{BatchId}", CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, error.HttpStatusCode);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(0, handler.Remaining);
    }

    [Fact]
    public async Task CreateBatchAsync_InvalidId_ThrowsBeforeAnyRequest()
    {
        var handler = new ScriptedHandler();

        await Assert.ThrowsAsync<ArgumentException>(() => Clients.Dataproc(handler).CreateBatchAsync("Silver_2025", Body(), CancellationToken.None));

        Assert.Empty(handler.Requests);
    }

    private const string Unavailable = "{\"error\":{\"code\":503,\"message\":\"The service is currently unavailable.\",\"status\":\"UNAVAILABLE\"}}";

    private const string RateLimited = "{\"error\":{\"code\":429,\"message\":\"Quota exceeded for quota metric 'Batch requests' of service 'dataproc.googleapis.com'.\",\"status\":\"RESOURCE_EXHAUSTED\"}}";

    private static JsonObject Body() =>
        DataprocBatchJson.For(SparkHostJobs.ForDate("silver", Clients.Bucket, new DateOnly(2025, 12, 31), 1, DataprocEnvironment.Conventional(Clients.Project, Clients.Region)).Spec, DataprocFieldNames.Camel);
}
