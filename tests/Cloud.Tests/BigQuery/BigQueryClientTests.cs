using System.Text.Json.Nodes;

namespace StockLakehouse.Cloud.Tests.BigQuery;

public sealed class BigQueryClientTests
{
    [Fact]
    public async Task InsertDatasetAsync_NewDataset_PostsReferenceLocationAndDescription()
    {
        var handler = new ScriptedHandler().ThenFixture("bigquery/dataset_inserted.json");

        var created = await Clients.BigQuery(handler).InsertDatasetAsync("lakehouse", "europe-west1", "StockLakehouse warehouse", CancellationToken.None);

        Assert.True(created);
        var request = Assert.Single(handler.Requests);
        Assert.Equal($"POST {Clients.BigQueryProject}/datasets", request.ToString());
        Assert.Equal("stock-lakehouse-test", request.Json["datasetReference"]!["projectId"]!.GetValue<string>());
        Assert.Equal("lakehouse", request.Json["datasetReference"]!["datasetId"]!.GetValue<string>());
        Assert.Equal("europe-west1", request.Json["location"]!.GetValue<string>());
        Assert.Equal("StockLakehouse warehouse", request.Json["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task InsertDatasetAsync_AlreadyExistsInTheSameLocation_ReturnsFalse()
    {
        var handler = new ScriptedHandler()
            .ThenFixture("bigquery/error_dataset_already_exists.json", HttpStatusCode.Conflict)
            .ThenFixture("bigquery/dataset_inserted.json");

        Assert.False(await Clients.BigQuery(handler).InsertDatasetAsync("lakehouse", "EUROPE-WEST1", "d", CancellationToken.None));
        Assert.Equal($"GET {Clients.BigQueryProject}/datasets/lakehouse", handler.Requests[1].ToString());
    }

    [Fact]
    public async Task InsertDatasetAsync_AlreadyExistsInAnotherLocation_FailsNamingBoth()
    {
        var handler = new ScriptedHandler()
            .ThenFixture("bigquery/error_dataset_already_exists.json", HttpStatusCode.Conflict)
            .ThenFixture("bigquery/dataset_inserted.json");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Clients.BigQuery(handler).InsertDatasetAsync("lakehouse", "US", "d", CancellationToken.None));

        Assert.StartsWith("The BigQuery dataset 'lakehouse' already exists in location 'europe-west1', not in 'US'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InsertDatasetAsync_PermissionDenied_SurfacesTheMessage()
    {
        var handler = new ScriptedHandler().Then(
            HttpStatusCode.Forbidden,
            "{\"error\":{\"code\":403,\"message\":\"Access Denied: Project stock-lakehouse-test: User does not have bigquery.datasets.create permission in project stock-lakehouse-test.\",\"errors\":[{\"message\":\"Access Denied\",\"domain\":\"global\",\"reason\":\"accessDenied\"}],\"status\":\"PERMISSION_DENIED\"}}");

        var error = await Assert.ThrowsAsync<GoogleApiException>(() => Clients.BigQuery(handler).InsertDatasetAsync("lakehouse", "europe-west1", "d", CancellationToken.None));

        Assert.Equal("Access Denied: Project stock-lakehouse-test: User does not have bigquery.datasets.create permission in project stock-lakehouse-test.", error.ApiMessage());
        Assert.Equal(["accessDenied"], error.Reasons());
    }

    [Fact]
    public async Task GetTableAsync_NotFound_ReturnsNull()
    {
        var handler = new ScriptedHandler().ThenFixture("bigquery/error_table_not_found.json", HttpStatusCode.NotFound);

        var table = await Clients.BigQuery(handler).GetTableAsync("lakehouse", "fact_stock_price", CancellationToken.None);

        Assert.Null(table);
        Assert.Equal($"GET {Clients.BigQueryProject}/datasets/lakehouse/tables/fact_stock_price", handler.Requests.Single().ToString());
    }

    [Fact]
    public async Task InsertJobAsync_Configuration_PostsCallerChosenIdAndLocation()
    {
        var handler = new ScriptedHandler().ThenFixture("bigquery/job_load_running.json");
        var configuration = new JsonObject { ["load"] = new JsonObject { ["sourceFormat"] = "PARQUET" } };

        var job = await Clients.BigQuery(handler).InsertJobAsync("lakehouse_load_x", "europe-west1", configuration, CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal($"POST {Clients.BigQueryProject}/jobs", request.ToString());
        Assert.Equal("lakehouse_load_x", request.Json["jobReference"]!["jobId"]!.GetValue<string>());
        Assert.Equal("europe-west1", request.Json["jobReference"]!["location"]!.GetValue<string>());
        Assert.Equal("PARQUET", request.Json["configuration"]!["load"]!["sourceFormat"]!.GetValue<string>());
        Assert.Equal("RUNNING", job.State);
        Assert.Equal("lakehouse_load_fact_stock_price_20260101_000000_1a2b3c4d", job.Reference.JobId);
        Assert.Equal("europe-west1", job.Reference.Location);
    }

    [Fact]
    public async Task GetJobAsync_JobInARegion_PassesTheLocation()
    {
        var handler = new ScriptedHandler().ThenFixture("bigquery/job_load_done.json");

        var job = await Clients.BigQuery(handler).GetJobAsync(new("stock-lakehouse-test", "job_1", "europe-west1"), CancellationToken.None);

        Assert.Equal($"GET {Clients.BigQueryProject}/jobs/job_1?location=europe-west1", handler.Requests.Single().ToString());
        Assert.True(job.IsDone);
        Assert.False(job.Failed);
        Assert.Equal(50_200, job.LoadedRows);
    }

    [Fact]
    public async Task QueryAsync_Sql_IsSentAsStandardSqlWithLocationAndTimeout()
    {
        var handler = new ScriptedHandler().ThenFixture("bigquery/query_complete.json");

        var result = await Clients.BigQuery(handler).QueryAsync("SELECT 1", "europe-west1", TimeSpan.FromSeconds(10), CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal($"POST {Clients.BigQueryProject}/queries", request.ToString());
        Assert.Equal("SELECT 1", request.Json["query"]!.GetValue<string>());
        Assert.False(request.Json["useLegacySql"]!.GetValue<bool>());
        Assert.Equal("europe-west1", request.Json["location"]!.GetValue<string>());
        Assert.Equal(10_000, request.Json["timeoutMs"]!.GetValue<long>());
        Assert.True(result.Complete);
        Assert.Equal(["violations"], result.Columns);
        Assert.Equal(0, result.SingleLong());
    }

    [Fact]
    public async Task QueryAsync_InvalidQuery_ThrowsWithBigQuerysMessageVerbatim()
    {
        var handler = new ScriptedHandler().ThenFixture("bigquery/error_invalid_query.json", HttpStatusCode.BadRequest);

        var error = await Assert.ThrowsAsync<GoogleApiException>(() => Clients.BigQuery(handler).QueryAsync("SELECT tradedate FROM t", "europe-west1", TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Contains("HTTP 400 INVALID_ARGUMENT: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(["invalidQuery"], error.Reasons());
        Assert.EndsWith("Unrecognized name: tradedate; Did you mean trade_date? at [1:63]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetQueryResultsAsync_Job_ReadsRowsWithNulls()
    {
        var handler = new ScriptedHandler().ThenFixture("bigquery/query_results_sample.json");

        var result = await Clients.BigQuery(handler).GetQueryResultsAsync(new("stock-lakehouse-test", "job_Pm4", "europe-west1"), TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Equal($"GET {Clients.BigQueryProject}/queries/job_Pm4?timeoutMs=5000&location=europe-west1", handler.Requests.Single().ToString());
        Assert.Equal(["symbol", "trade_date", "copies"], result.Columns);
        Assert.Equal(["AAPL", "2025-12-30", "2"], result.Rows[0]);
        Assert.Equal(["MSFT", null, "3"], result.Rows[1]);
    }
}
