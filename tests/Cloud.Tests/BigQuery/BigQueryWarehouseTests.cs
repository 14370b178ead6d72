using StockLakehouse.Core.Checks;

namespace StockLakehouse.Cloud.Tests.BigQuery;

public sealed class BigQueryWarehouseTests
{
    [Fact]
    public async Task EnsureTableAsync_Missing_CreatesItPartitionedAndClustered()
    {
        var handler = new ScriptedHandler()
            .ThenFixture("bigquery/error_table_not_found.json", HttpStatusCode.NotFound)
            .ThenFixture("bigquery/table_inserted.json");

        var outcome = await Clients.Warehouse(handler, new RecordingClock(Clients.Start)).EnsureTableAsync(Catalogs.Table("fact_stock_price"), CancellationToken.None);

        Assert.Equal(TableProvisioning.Created, outcome);
        var insert = handler.Requests[1];
        Assert.Equal("POST https://bigquery.googleapis.com/bigquery/v2/projects/stock-lakehouse-test/datasets/lakehouse/tables", insert.ToString());
        Assert.Equal("MONTH", insert.Json["timePartitioning"]!["type"]!.GetValue<string>());
        Assert.Equal("trade_date", insert.Json["timePartitioning"]!["field"]!.GetValue<string>());
        Assert.Equal(2, insert.Json["clustering"]!["fields"]!.AsArray().Count);
        Assert.Equal(Catalogs.Table("fact_stock_price").Fields.Count, insert.Json["schema"]!["fields"]!.AsArray().Count);
    }

    [Fact]
    public async Task EnsureTableAsync_ExistingWithLegacyTypeNames_IsAcceptedAsIs()
    {
        var handler = new ScriptedHandler().ThenFixture("bigquery/table_dim_exchange.json");

        var outcome = await Clients.Warehouse(handler, new RecordingClock(Clients.Start)).EnsureTableAsync(Catalogs.Table("dim_exchange"), CancellationToken.None);

        Assert.Equal(TableProvisioning.Existed, outcome);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task EnsureTableAsync_ExistingWithOtherColumns_ThrowsNamingTheDifference()
    {
        var handler = new ScriptedHandler().ThenFixture("bigquery/table_dim_exchange.json");
        var table = Catalogs.Table("dim_exchange") with { Fields = [.. Catalogs.Table("dim_exchange").Fields, new("website", "STRING", false, "Home page.")] };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Clients.Warehouse(handler, new RecordingClock(Clients.Start)).EnsureTableAsync(table, CancellationToken.None));

        Assert.Contains("missing [website STRING], unexpected []", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_Table_LoadsTheLakeIntoStagingThenMergesByKey()
    {
        var handler = new ScriptedHandler()
            .ThenFixture("bigquery/job_load_running.json")
            .ThenFixture("bigquery/job_load_done.json")
            .ThenFixture("bigquery/job_query_running.json")
            .ThenFixture("bigquery/job_query_done.json");
        var clock = new RecordingClock(Clients.Start);

        var result = await Clients.Warehouse(handler, clock).LoadAsync(Catalogs.Table("fact_stock_price"), Clients.Bucket, "run1", CancellationToken.None);

        Assert.Equal(
            [$"POST {Clients.BigQueryJobs}", $"GET {Clients.BigQueryJobs}/lakehouse_load_fact_stock_price_20260101_000000_1a2b3c4d?location=europe-west1", $"POST {Clients.BigQueryJobs}", $"GET {Clients.BigQueryJobs}/lakehouse_merge_fact_stock_price_20260101_000000_5e6f7a8b?location=europe-west1"],
            handler.Requests.Select(r => r.ToString()));
        var load = handler.Requests[0].Json;
        Assert.Matches("^lakehouse_load_fact_stock_price_20260101_020000_[0-9a-f]{8}$", load["jobReference"]!["jobId"]!.GetValue<string>());
        Assert.Equal("gs://stock-lakehouse-lake/gold/fact_stock_price/*.parquet", load["configuration"]!["load"]!["sourceUris"]![0]!.GetValue<string>());
        Assert.Equal("fact_stock_price_staging_run1", load["configuration"]!["load"]!["destinationTable"]!["tableId"]!.GetValue<string>());
        var merge = handler.Requests[2].Json["configuration"]!["query"]!;
        Assert.False(merge["useLegacySql"]!.GetValue<bool>());
        Assert.Equal(BigQueryMergeSql.For(Catalogs.Table("fact_stock_price"), new BigQueryDataset(Clients.Project, Clients.Dataset), "run1"), merge["query"]!.GetValue<string>());
        Assert.Equal(50_200, result.StagedRows);
    }

    [Fact]
    public async Task LoadAsync_LoadJobFails_ThrowsBigQuerysErrorAndNeverMerges()
    {
        var handler = new ScriptedHandler()
            .ThenFixture("bigquery/job_load_running.json")
            .ThenFixture("bigquery/job_load_failed.json");

        var error = await Assert.ThrowsAsync<BigQueryJobFailedException>(() => Clients.Warehouse(handler, new RecordingClock(Clients.Start)).LoadAsync(Catalogs.Table("fact_stock_price"), Clients.Bucket, "run1", CancellationToken.None));

        Assert.Contains("Field 'volume' is specified as INT64 but the file has DOUBLE.", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(0, handler.Remaining);
    }

    [Fact]
    public async Task RunChecksAsync_AViolatedCheck_ReportsItsCountAndSampleRows()
    {
        var table = Catalogs.Table("dim_exchange");
        var checks = BigQueryCheckSql.For([table], new BigQueryDataset(Clients.Project, Clients.Dataset), BigQueryMartSql.Relations(Catalogs.Schemas, Catalogs.Marts), new DateOnly(2025, 12, 31));
        var handler = new ScriptedHandler()
            .ThenFixture("bigquery/query_incomplete.json")
            .ThenFixture("bigquery/query_results_violations.json")
            .ThenFixture("bigquery/query_results_check_outcome.json");
        foreach (var _ in checks.Skip(1))
        {
            handler.ThenFixture("bigquery/query_complete.json");
        }

        var results = await Clients.Warehouse(handler, new RecordingClock(Clients.Start)).RunChecksAsync(
            CheckSql.For(table, new DateOnly(2025, 12, 31)).ToArray(),
            BigQueryMartSql.Relations(Catalogs.Schemas, Catalogs.Marts),
            CancellationToken.None);

        Assert.Equal(checks.Select(c => c.Name), results.Select(r => r.Name));
        var first = results[0];
        Assert.Equal(2, first.Violations);
        Assert.Equal(["symbol=AAPL, trade_date=2025-12-30, copies=2", "symbol=MSFT, trade_date=NULL, copies=3"], first.Sample);
        Assert.All(results.Skip(1), r => Assert.True(r.Passed));
        // Every check is counted (reading only the columns it tests); only the failing one is then sampled.
        Assert.Equal(checks[0].CountSql, handler.Requests[0].Json["query"]!.GetValue<string>());
        Assert.Equal(CheckResult.OutcomeSql(checks[0].ViolationsSql), handler.Requests[2].Json["query"]!.GetValue<string>());
        Assert.All(handler.Requests.Skip(3), r => Assert.StartsWith("SELECT COUNT(*) AS violations FROM (", r.Json["query"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(checks[0].CountSql, first.Sql);
        Assert.Equal(checks.Count + 2, handler.Requests.Count);
        Assert.Equal(0, handler.Remaining);
    }

    [Fact]
    public async Task CreateMartsAsync_Marts_RefillsSymbolsThenCreatesViewsInDeclaredOrder()
    {
        var handler = new ScriptedHandler();
        for (var i = 0; i <= Catalogs.Marts.Views.Count; i++)
        {
            handler.ThenFixture("bigquery/job_query_done.json");
        }

        await Clients.Warehouse(handler, new RecordingClock(Clients.Start)).CreateMartsAsync(Catalogs.Schemas, Catalogs.Marts, CancellationToken.None);

        var queries = handler.Requests.Select(r => r.Json["configuration"]!["query"]!["query"]!.GetValue<string>()).ToArray();
        Assert.Contains("CREATE OR REPLACE TABLE `stock-lakehouse-test.lakehouse.mart_correlation_symbol`", queries[0], StringComparison.Ordinal);
        Assert.Equal(
            Catalogs.Marts.Views.Select(v => $"CREATE OR REPLACE VIEW `stock-lakehouse-test.lakehouse.{v.Name}` AS"),
            queries.Skip(1).Select(q => q.Split('\n').Single(l => l.StartsWith("CREATE OR REPLACE VIEW", StringComparison.Ordinal))));
    }
}
