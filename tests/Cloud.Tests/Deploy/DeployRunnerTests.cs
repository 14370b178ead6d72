using System.Net;
using System.Text.Json.Nodes;
using StockLakehouse.Cloud.Dataproc;
using StockLakehouse.Cloud.Deploy;
using StockLakehouse.Cloud.Tests.Support;
using StockLakehouse.Core.Lake;

namespace StockLakehouse.Cloud.Tests.Deploy;

public sealed class DeployRunnerTests : IDisposable
{
    private readonly LocalLake _lake = new();
    private readonly string _bucketFolder = Path.Combine(Path.GetTempPath(), $"stocklakehouse-bucket-{Guid.NewGuid():N}");

    [Fact]
    public async Task RunAsync_Plan_UploadsRunsBatchesCreatesLoadsInOrderAndChecks()
    {
        var handler = new RoutingHandler(Answer);
        var clock = new ImmediateClock();
        var bucket = new LocalDirectoryObjectStore(_bucketFolder);
        await bucket.PutAsync("raw/source=yahoo/dataset=chart/ingest_date=2025-12-31/AAPL-aaaaaaaaaaaa.json", "already there"u8.ToArray(), CancellationToken.None);
        var plan = await DeployPlanner.PlanAsync(Options(), Catalogs.Schemas, Catalogs.Marts, CancellationToken.None);
        var runner = new DeployRunner(bucket, Clients.BatchRunner(handler, clock), Clients.Warehouse(handler, clock), Serilog.Core.Logger.None);

        var result = await runner.RunAsync(plan, Catalogs.Schemas, Catalogs.Marts, CancellationToken.None);

        Assert.Equal(8, result.Uploaded); // the nine planned objects but the one the bucket holds
        Assert.Equal(1, result.AlreadyInBucket);
        Assert.Equal("already there", File.ReadAllText(Path.Combine(_bucketFolder, "raw/source=yahoo/dataset=chart/ingest_date=2025-12-31/AAPL-aaaaaaaaaaaa.json")));
        Assert.True(File.Exists(Path.Combine(_bucketFolder, "gold/fact_stock_price/symbol=AAPL/part-0.parquet")));
        Assert.Equal(2, result.Batches.Count);
        Assert.Equal(plan.Loads.Select(l => l.Table.Name), result.TablesCreated);
        Assert.Equal(plan.Loads.Select(l => l.Table.Name), result.Loads.Select(l => l.Table));
        Assert.Equal(plan.Checks.Count, result.Checks.Count);
        Assert.Empty(result.Failures);

        var calls = handler.Requests.Select(Kind).Where(k => k is not null).ToArray();
        var firstBigQuery = Array.FindIndex(calls, c => c!.StartsWith("dataset", StringComparison.Ordinal));
        Assert.True(Array.LastIndexOf(calls, "batch") < firstBigQuery, "Both Spark batches finish before BigQuery is touched.");
        var loads = calls.Where(c => c!.StartsWith("load ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(plan.Loads.Select(l => $"load {l.Table.Name}_staging"), loads);
        Assert.True(Array.IndexOf(calls, "query") > Array.LastIndexOf(calls, "merge"), "Checks run after the last merge.");
    }

    public void Dispose()
    {
        _lake.Dispose();
        if (Directory.Exists(_bucketFolder))
        {
            Directory.Delete(_bucketFolder, recursive: true);
        }
    }

    private static string? Kind(RecordedRequest request)
    {
        var path = request.Uri.AbsolutePath;
        if (request.Method == HttpMethod.Post && path.EndsWith("/batches", StringComparison.Ordinal))
        {
            return "batch";
        }

        if (request.Method == HttpMethod.Post && path.EndsWith("/datasets", StringComparison.Ordinal))
        {
            return "dataset";
        }

        if (request.Method == HttpMethod.Post && path.EndsWith("/jobs", StringComparison.Ordinal))
        {
            var configuration = request.Json["configuration"]!;
            return configuration["load"] is { } load
                ? $"load {load["destinationTable"]!["tableId"]!.GetValue<string>()}"
                : configuration["query"]!["query"]!.GetValue<string>().Contains("MERGE ", StringComparison.Ordinal) ? "merge" : "ddl";
        }

        return request.Method == HttpMethod.Post && path.EndsWith("/queries", StringComparison.Ordinal) ? "query" : null;
    }

    private static (HttpStatusCode, string) Answer(RecordedRequest request)
    {
        var path = request.Uri.AbsolutePath;
        return (request.Method.Method, path) switch
        {
            ("POST", var p) when p.EndsWith("/batches", StringComparison.Ordinal) => (HttpStatusCode.OK, Fixtures.Read("dataproc/batch_create_operation.json")),
            ("GET", var p) when p.Contains("/batches/", StringComparison.Ordinal) => (HttpStatusCode.OK, Fixtures.Read("dataproc/batch_succeeded.json")),
            ("POST", var p) when p.EndsWith("/datasets", StringComparison.Ordinal) => (HttpStatusCode.Conflict, Fixtures.Read("bigquery/error_dataset_already_exists.json")),
            ("GET", var p) when p.Contains("/tables/", StringComparison.Ordinal) => (HttpStatusCode.NotFound, Fixtures.Read("bigquery/error_table_not_found.json")),
            ("POST", var p) when p.EndsWith("/tables", StringComparison.Ordinal) => (HttpStatusCode.OK, Fixtures.Read("bigquery/table_inserted.json")),
            ("POST", var p) when p.EndsWith("/jobs", StringComparison.Ordinal) => (HttpStatusCode.OK, new JsonObject
            {
                ["kind"] = "bigquery#job",
                ["jobReference"] = request.Json["jobReference"]!.DeepClone(),
                ["configuration"] = request.Json["configuration"]!.DeepClone(),
                ["statistics"] = new JsonObject { ["load"] = new JsonObject { ["outputRows"] = "42" } },
                ["status"] = new JsonObject { ["state"] = "DONE" },
            }.ToJsonString()),
            ("POST", var p) when p.EndsWith("/queries", StringComparison.Ordinal) => (HttpStatusCode.OK, Fixtures.Read("bigquery/query_complete.json")),
            _ => throw new InvalidOperationException($"Unexpected request {request}."),
        };
    }

    private DeployOptions Options() => new(
        new DateOnly(2025, 12, 31),
        _lake.Root,
        Clients.Project,
        Clients.Region,
        Clients.Region,
        Clients.Bucket,
        Clients.Dataset,
        DataprocEnvironment.Conventional(Clients.Project, Clients.Region),
        1,
        RunSparkBatches: true);
}
