using StockLakehouse.Cloud.BigQuery;
using StockLakehouse.Cloud.Dataproc;
using StockLakehouse.Cloud.Http;

namespace StockLakehouse.Cloud.Tests.Support;

/// <summary>The cloud clients wired as in production (bearer token handler included) over a fake transport.</summary>
internal static class Clients
{
    public const string Project = "stock-lakehouse-test";
    public const string Region = "europe-west1";
    public const string Dataset = "lakehouse";
    public const string Bucket = "stock-lakehouse-lake";

    public static GoogleJsonClient Json(HttpMessageHandler transport) => new(GoogleCloudHttp.CreateClient(new FixedTokens(), transport));

    public static BigQueryClient BigQuery(HttpMessageHandler transport) => new(Json(transport), Project);

    public static DataprocClient Dataproc(HttpMessageHandler transport) => new(Json(transport), Project, Region);

    public static BigQueryWarehouse Warehouse(HttpMessageHandler transport, TimeProvider clock)
    {
        var client = BigQuery(transport);
        return new BigQueryWarehouse(
            client,
            new BigQueryJobPoller(client, clock, PollingBackoff.BigQueryJobs, Serilog.Core.Logger.None),
            new BigQueryJobIds(clock),
            new BigQueryDataset(Project, Dataset),
            Region,
            Serilog.Core.Logger.None);
    }

    public static DataprocBatchRunner BatchRunner(HttpMessageHandler transport, TimeProvider clock) =>
        new(Dataproc(transport), clock, PollingBackoff.DataprocBatches, Serilog.Core.Logger.None);
}
