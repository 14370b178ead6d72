using Google.Apis.Auth.OAuth2;

namespace StockLakehouse.Cloud.Tests.Support;

/// <summary>The cloud clients wired as in production (credential and retries on Google.Apis' stack) over a fake transport.</summary>
internal static class Clients
{
    public const string Project = "stock-lakehouse-test";
    public const string Region = "europe-west1";
    public const string Dataset = "lakehouse";
    public const string Bucket = "stock-lakehouse-lake";

    /// <summary>The BigQuery REST resources of <see cref="Project"/>, as the requests the clients send name them.</summary>
    public const string BigQueryProject = "https://bigquery.googleapis.com/bigquery/v2/projects/" + Project;

    public const string BigQueryJobs = BigQueryProject + "/jobs";

    /// <summary>The Dataproc batches of <see cref="Project"/> in <see cref="Region"/>.</summary>
    public const string DataprocBatches = "https://dataproc.googleapis.com/v1/projects/" + Project + "/locations/" + Region + "/batches";

    /// <summary>The access token every request carries.</summary>
    public const string Token = "ya29.test-token";

    /// <summary>The instant the tests' clocks start at.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 2, 0, 0, TimeSpan.Zero);

    public static GoogleJsonClient Json(HttpMessageHandler transport, TimeProvider? clock = null) =>
        new(GoogleCloudHttp.CreateClient(GoogleCredential.FromAccessToken(Token), new GoogleRetryHandler(clock ?? new RecordingClock(Clients.Start), Serilog.Core.Logger.None), transport));

    public static BigQueryClient BigQuery(HttpMessageHandler transport, TimeProvider? clock = null) => new(Json(transport, clock), Project);

    public static DataprocClient Dataproc(HttpMessageHandler transport, TimeProvider? clock = null) => new(Json(transport, clock), Project, Region);

    public static BigQueryWarehouse Warehouse(HttpMessageHandler transport, TimeProvider clock)
    {
        var client = BigQuery(transport, clock);
        return new BigQueryWarehouse(
            client,
            new BigQueryJobPoller(client, clock, Backoff.BigQueryJobs, Serilog.Core.Logger.None),
            new BigQueryJobIds(clock),
            new BigQueryDataset(Project, Dataset),
            Region,
            Serilog.Core.Logger.None);
    }

    public static DataprocBatchRunner BatchRunner(HttpMessageHandler transport, TimeProvider clock) =>
        new(Dataproc(transport, clock), clock, Backoff.DataprocBatches, Serilog.Core.Logger.None);
}
