using System.Text.Json.Nodes;
using StockLakehouse.Cloud.Deploy;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Cloud.Tests.Deploy;

public sealed class DeployRunnerTests : IDisposable
{
    private readonly LocalLake _lake = new();
    private readonly TempFolder _bucket = new();

    [Fact]
    public async Task RunAsync_Plan_UploadsRunsBatchesCreatesLoadsInOrderAndChecks()
    {
        var handler = new ScriptedHandler(ServingCloud.Answer);
        var clock = new RecordingClock(Clients.Start);
        var bucket = new LocalDirectoryObjectStore(_bucket.Path);
        await bucket.PutAsync("raw/source=yahoo/dataset=chart/ingest_date=2025-12-31/AAPL-aaaaaaaaaaaa.json", "already there"u8.ToArray(), CancellationToken.None);
        await PutIndicatorPartitionAsync(bucket);
        // A tail of an earlier daily merge: the local partition is one file now, so the tail's rows are the file's.
        const string staleTail = "silver/daily_bar/symbol=AAPL/part-1.parquet";
        await bucket.PutAsync(staleTail, "an earlier split's tail"u8.ToArray(), CancellationToken.None);
        var plan = await DeployPlanner.PlanAsync(Options(), Catalogs.Schemas, Catalogs.Marts, CancellationToken.None);
        var runner = new DeployRunner(bucket, Clients.BatchRunner(handler, clock), Clients.Warehouse(handler, clock), Serilog.Core.Logger.None);

        var result = await runner.RunAsync(plan, Catalogs.Schemas, Catalogs.Marts, CancellationToken.None);

        Assert.False(File.Exists(Path.Combine(_bucket.Path, staleTail)));
        Assert.True(File.Exists(Path.Combine(_bucket.Path, "silver/daily_bar/symbol=AAPL/part-0.parquet")));

        Assert.Equal(8, result.Uploaded); // the nine planned objects but the one the bucket holds
        Assert.Equal(1, result.AlreadyInBucket);
        Assert.Equal("already there", File.ReadAllText(Path.Combine(_bucket.Path, "raw/source=yahoo/dataset=chart/ingest_date=2025-12-31/AAPL-aaaaaaaaaaaa.json")));
        Assert.True(File.Exists(Path.Combine(_bucket.Path, "gold/fact_stock_price/symbol=AAPL/part-0.parquet")));
        Assert.Equal(2, result.Batches.Count);
        Assert.Equal([.. plan.Loads.Select(l => l.Table.Name), LoadStateSql.TableName, LoadPartitionsSql.TableName], result.TablesCreated);
        Assert.Equal(plan.Loads.Select(l => l.Table.Name), result.Loads.Select(l => l.Table));
        // The dry-run lists exactly the checks the stage runs, the marts' existence included.
        Assert.Equal(plan.Checks.Select(c => $"{c.Table}.{c.Name}").Order(), result.Checks.Select(c => $"{c.Table}.{c.Name}").Order());
        Assert.Contains(result.Checks, c => c.Name == "marts_exist");
        Assert.Empty(result.Failures);

        var calls = handler.Requests.Select(Kind).Where(k => k is not null).ToArray();
        var firstBigQuery = Array.FindIndex(calls, c => c!.StartsWith("dataset", StringComparison.Ordinal));
        Assert.True(Array.LastIndexOf(calls, "batch") < firstBigQuery, "Both Spark batches finish before BigQuery is touched.");
        var loads = calls.Where(c => c!.StartsWith("load ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(plan.Loads.Select(l => $"load {l.Table.Name}_staging_deploy_20251231_a1"), loads);
        Assert.True(Array.IndexOf(calls, "query") > Array.LastIndexOf(calls, "merge"), "Checks run after the last merge.");
        var statements = ServingCloud.QueryStatements(handler.Requests);
        var begin = Array.FindIndex(statements, q => q.StartsWith("INSERT INTO `stock-lakehouse-test.lakehouse.load_state`", StringComparison.Ordinal));
        var commit = Array.FindIndex(statements, q => q.StartsWith("UPDATE `stock-lakehouse-test.lakehouse.load_state` SET `committed` = TRUE", StringComparison.Ordinal));
        Assert.True(begin >= 0 && begin < Array.FindIndex(statements, q => q.Contains("MERGE ", StringComparison.Ordinal)), "The load is recorded as started before the first merge.");
        Assert.Equal(statements.Length - 2, commit); // committed last, after every merge and the marts,
        Assert.StartsWith("SELECT CASE WHEN COUNT(*) = 0 THEN ERROR(", statements[^1], StringComparison.Ordinal); // then the commit verified
    }

    [Fact]
    public async Task RunAsync_EveryCreateLosesItsFirstAnswer_FinishesWithEachJobAndBatchStartedOnce()
    {
        var service = new LostAnswers();
        var handler = new ScriptedHandler(service.Answer);
        var clock = new RecordingClock(Clients.Start);
        var plan = await DeployPlanner.PlanAsync(Options(), Catalogs.Schemas, Catalogs.Marts, CancellationToken.None);
        await PutIndicatorPartitionAsync(new LocalDirectoryObjectStore(_bucket.Path));
        var runner = new DeployRunner(new LocalDirectoryObjectStore(_bucket.Path), Clients.BatchRunner(handler, clock), Clients.Warehouse(handler, clock), Serilog.Core.Logger.None);

        var result = await runner.RunAsync(plan, Catalogs.Schemas, Catalogs.Marts, CancellationToken.None);

        Assert.Equal(2, result.Batches.Count);
        Assert.Equal(plan.Loads.Select(l => l.Table.Name), result.Loads.Select(l => l.Table));
        Assert.Empty(result.TablesCreated); // every tables.insert was answered 409 on its second try
        Assert.Empty(result.Failures);
        // Each create reached the service once and was sent twice with the same id: no job or batch ran twice.
        Assert.All(service.Creates, pair => Assert.Equal(2, pair.Value));
        Assert.Equal(2, service.Creates.Keys.Count(k => k.StartsWith("batch ", StringComparison.Ordinal)));
        Assert.Equal(plan.Loads.Count + 2, service.Creates.Keys.Count(k => k.StartsWith("table ", StringComparison.Ordinal))); // and load_state, load_partitions
        Assert.Contains(service.Creates.Keys, k => k.StartsWith("job lakehouse_load_", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _lake.Dispose();
        _bucket.Dispose();
    }

    /// <summary>
    /// The indicator table's partition, which the Spark batches would write to the bucket (the local lake has none):
    /// every partitioned table's load lists its files and fails on a table without any.
    /// </summary>
    private static Task PutIndicatorPartitionAsync(IObjectStore bucket) =>
        bucket.PutAsync("gold/fact_technical_indicator/symbol=AAPL/part-0.parquet", "indicators"u8.ToArray(), CancellationToken.None);

    private static string? Kind(ReceivedRequest request)
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

        if (ServingCloud.IsJobInsert(request))
        {
            var configuration = request.Json["configuration"]!;
            return configuration["load"] is { } load
                ? $"load {load["destinationTable"]!["tableId"]!.GetValue<string>()}"
                : configuration["query"]!["query"]!.GetValue<string>().Contains("MERGE ", StringComparison.Ordinal) ? "merge" : "ddl";
        }

        if (request.Method == HttpMethod.Post && path.EndsWith("/queries", StringComparison.Ordinal))
        {
            // A partitioned table's load first reads which partitions were loaded; every other query is a check's.
            return request.Json["query"]!.GetValue<string>().Contains(".load_partitions`", StringComparison.Ordinal) ? "records" : "query";
        }

        return null;
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

    /// <summary>
    /// BigQuery and Dataproc as they look when the answer to every create is lost: the first create of an id
    /// takes effect but is answered 503, the second is answered 409, and the resource can then be read.
    /// </summary>
    private sealed class LostAnswers
    {
        private readonly Dictionary<string, JsonObject> _tables = new(StringComparer.Ordinal);

        public Dictionary<string, int> Creates { get; } = new(StringComparer.Ordinal);

        public (HttpStatusCode, string) Answer(ReceivedRequest request)
        {
            var path = request.Uri.AbsolutePath;
            switch (request.Method.Method, path)
            {
                case ("POST", var p) when p.EndsWith("/batches", StringComparison.Ordinal):
                    return Create($"batch {request.Uri.Query}", FixtureFiles.Text("dataproc/error_batch_already_exists.json"));
                case ("GET", var p) when p.Contains("/batches/", StringComparison.Ordinal):
                    return (HttpStatusCode.OK, FixtureFiles.Text("dataproc/batch_succeeded.json"));
                case ("POST", var p) when p.EndsWith("/datasets", StringComparison.Ordinal):
                    return Create("dataset", FixtureFiles.Text("bigquery/error_dataset_already_exists.json"));
                case ("GET", var p) when p.EndsWith("/datasets/lakehouse", StringComparison.Ordinal):
                    return (HttpStatusCode.OK, FixtureFiles.Text("bigquery/dataset_inserted.json"));
                case ("POST", var p) when p.EndsWith("/tables", StringComparison.Ordinal):
                    var table = request.Json["tableReference"]!["tableId"]!.GetValue<string>();
                    _tables.TryAdd(table, request.Json);
                    return Create($"table {table}", FixtureFiles.Text("bigquery/error_table_already_exists.json"));
                case ("GET", var p) when p.Contains("/tables/", StringComparison.Ordinal):
                    return _tables.TryGetValue(p[(p.LastIndexOf('/') + 1)..], out var created)
                        ? (HttpStatusCode.OK, created.ToJsonString())
                        : (HttpStatusCode.NotFound, FixtureFiles.Text("bigquery/error_table_not_found.json"));
                case ("POST", var p) when p.EndsWith("/jobs", StringComparison.Ordinal):
                    return Create($"job {request.Json["jobReference"]!["jobId"]!.GetValue<string>()}", FixtureFiles.Text("bigquery/error_job_already_exists.json"));
                case ("GET", var p) when p.Contains("/jobs/", StringComparison.Ordinal):
                    return (HttpStatusCode.OK, ServingCloud.DoneJob(new JsonObject { ["projectId"] = Clients.Project, ["jobId"] = p[(p.LastIndexOf('/') + 1)..], ["location"] = Clients.Region }));
                case ("POST", var p) when p.EndsWith("/queries", StringComparison.Ordinal):
                    return (HttpStatusCode.OK, FixtureFiles.Text(ServingCloud.QueryAnswer(request)));
                default:
                    throw new InvalidOperationException($"Unexpected request {request}.");
            }
        }

        private (HttpStatusCode, string) Create(string id, string conflict)
        {
            var sent = Creates[id] = Creates.GetValueOrDefault(id) + 1;
            return sent == 1
                ? (HttpStatusCode.ServiceUnavailable, "{\"error\":{\"code\":503,\"message\":\"The service is currently unavailable.\",\"status\":\"UNAVAILABLE\"}}")
                : (HttpStatusCode.Conflict, conflict);
        }
    }
}
