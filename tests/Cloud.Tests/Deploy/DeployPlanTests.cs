using StockLakehouse.Cloud.Artifacts;
using StockLakehouse.Cloud.Deploy;

namespace StockLakehouse.Cloud.Tests.Deploy;

public sealed class DeployPlanTests : IDisposable
{
    private readonly LocalLake _lake = new();

    [Fact]
    public async Task PlanAsync_LocalLake_UploadsRawUpToTheDateCreateOnlyThenSilverAndGoldPartitions()
    {
        var plan = await Plan();

        // Every raw object up to the date: the Spark batches rebuild each symbol from all of its raw in the bucket.
        Assert.Equal(
            [
                "raw/source=yahoo/dataset=chart/ingest_date=2025-12-30/AAPL-0123456789ab.json",
                "raw/source=yahoo/dataset=chart/ingest_date=2025-12-30/AAPL-0123456789ab.meta.json",
                "raw/source=yahoo/dataset=chart/ingest_date=2025-12-31/AAPL-aaaaaaaaaaaa.json",
                "raw/source=yahoo/dataset=chart/ingest_date=2025-12-31/AAPL-aaaaaaaaaaaa.meta.json",
                "raw/source=yahoo/dataset=chart/ingest_date=2025-12-31/MSFT-bbbbbbbbbbbb.json",
                "raw/source=yahoo/dataset=chart/ingest_date=2025-12-31/MSFT-bbbbbbbbbbbb.meta.json",
                "silver/daily_bar/symbol=AAPL/part-0.parquet",
                "gold/dim_date/part-0.parquet",
                "gold/fact_stock_price/symbol=AAPL/part-0.parquet",
            ],
            plan.Uploads.Select(u => u.Key));
        Assert.All(plan.Uploads.Where(u => u.Key.StartsWith("raw/", StringComparison.Ordinal)), u => Assert.True(u.CreateOnly));
        Assert.All(plan.Uploads.Where(u => !u.Key.StartsWith("raw/", StringComparison.Ordinal)), u => Assert.False(u.CreateOnly));
        Assert.Equal("gs://lake-bucket/gold/dim_date/part-0.parquet", plan.Uploads.Single(u => u.Key == "gold/dim_date/part-0.parquet").Uri("lake-bucket"));
        // The bucket's tail of each uploaded silver and gold partition is deleted before the uploads; the local lake has none here.
        Assert.Equal(["silver/daily_bar/symbol=AAPL/part-1.parquet", "gold/fact_stock_price/symbol=AAPL/part-1.parquet"], plan.TailDeletes);
    }

    [Fact]
    public async Task PlanAsync_Date_SubmitsSilverThenGoldBatchesForIt()
    {
        var plan = await Plan(attempt: 2);

        Assert.Equal(["lakehouse-silver-20251231-a2", "lakehouse-gold-20251231-a2"], plan.Batches.Select(b => b.BatchId));
        Assert.Equal("2025-12-31", plan.Batches[0].Body["sparkBatch"]!["args"]![6]!.GetValue<string>());
        Assert.Equal(new DateOnly(2025, 12, 31), plan.ExpectedLatestTradeDate);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task PlanAsync_EveryBatch_RecordsItsQuarantineUnderItsOwnBatchId(int attempt)
    {
        // The host names the run's quarantine files after --run-id. A new attempt is a new batch with its own id,
        // and resubmitting an attempt follows the batch that exists (409), so no two batches share a run id.
        var plan = await Plan(attempt: attempt);

        foreach (var batch in plan.Batches)
        {
            var args = batch.Body["sparkBatch"]!["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
            Assert.Equal(batch.BatchId, args[args.IndexOf("--run-id") + 1]);
        }
    }

    [Fact]
    public async Task PlanAsync_TwoAttempts_LoadAndMergeOnlyTheirOwnStagingTables()
    {
        var first = await Plan(attempt: 1);
        var second = await Plan(attempt: 2);

        foreach (var (plan, own) in new[] { (first, "_staging_deploy_20251231_a1"), (second, "_staging_deploy_20251231_a2") })
        {
            Assert.All(plan.Loads, load =>
            {
                var staging = load.Table.Name + own;
                Assert.Equal(staging, load.LoadConfiguration["load"]!["destinationTable"]!["tableId"]!.GetValue<string>());
                Assert.Contains($"USING `proj-1234.lakehouse.{staging}` AS s", load.MergeSql, StringComparison.Ordinal);
                Assert.Equal(staging, load.Table.Name + Assert.Single(System.Text.RegularExpressions.Regex.Matches(load.MergeSql, "_staging_[a-z0-9_]+").Select(m => m.Value).Distinct()));
            });
        }
    }

    [Fact]
    public async Task PlanAsync_SkipSpark_SubmitsNoBatch()
    {
        var plan = await Plan(runSpark: false);

        Assert.Empty(plan.Batches);
    }

    [Fact]
    public async Task PlanAsync_Holiday_ExpectsTheLastTradingDayBefore()
    {
        var plan = await Plan(date: new DateOnly(2025, 12, 25));

        Assert.Equal(new DateOnly(2025, 12, 24), plan.ExpectedLatestTradeDate);
        Assert.DoesNotContain(plan.Uploads, u => u.CreateOnly);
    }

    [Fact]
    public async Task PlanAsync_NoLocalLake_ThrowsSayingWhatToRun()
    {
        var options = Options() with { LakeFolder = Path.Combine(_lake.Root, "missing") };

        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => DeployPlanner.PlanAsync(options, Catalogs.Schemas, Catalogs.Marts, CancellationToken.None));

        Assert.Contains("run the pipeline (make run) first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintAsync_SamePlan_PrintsTheSameText()
    {
        var first = await Print(await Plan());
        var second = await Print(await Plan());

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task PrintAsync_Plan_ShowsEveryUploadCreationAndSubmission()
    {
        var text = await Print(await Plan());
        var lines = text.Split('\n');

        Assert.Equal($"Deploy of 2025-12-31: lake {_lake.Root} -> gs://lake-bucket; BigQuery proj-1234.lakehouse in europe-west1; Dataproc proj-1234/europe-west1", lines[0]);
        Assert.Contains("UPLOAD 9 objects, 19,795 bytes (raw landed on or before 2025-12-31 is create-only, so objects the bucket has are kept; silver and gold partitions replace the bucket's)", lines);
        Assert.Contains("  create  raw/source=yahoo/dataset=chart/ingest_date=2025-12-31/MSFT-bbbbbbbbbbbb.json -> gs://lake-bucket/raw/source=yahoo/dataset=chart/ingest_date=2025-12-31/MSFT-bbbbbbbbbbbb.json (1,500 bytes)", lines);
        Assert.Contains("  replace gold/fact_stock_price/symbol=AAPL/part-0.parquet -> gs://lake-bucket/gold/fact_stock_price/symbol=AAPL/part-0.parquet (5,000 bytes)", lines);
        Assert.Contains("  create  raw/source=yahoo/dataset=chart/ingest_date=2025-12-30/AAPL-0123456789ab.json -> gs://lake-bucket/raw/source=yahoo/dataset=chart/ingest_date=2025-12-30/AAPL-0123456789ab.json (120 bytes)", lines);
        Assert.DoesNotContain("_runs/", text, StringComparison.Ordinal);
        Assert.Contains("  dataset proj-1234.lakehouse in europe-west1: POST https://bigquery.googleapis.com/bigquery/v2/projects/proj-1234/datasets", lines);
        Assert.Contains("  table proj-1234.lakehouse.fact_stock_price: POST https://bigquery.googleapis.com/bigquery/v2/projects/proj-1234/datasets/lakehouse/tables", lines);
        Assert.Contains("  silver: POST https://dataproc.googleapis.com/v1/projects/proj-1234/locations/europe-west1/batches?batchId=lakehouse-silver-20251231", lines);
        Assert.Contains("        \"mainClass\": \"org.apache.spark.deploy.dotnet.DotnetRunner\",", lines);
        Assert.Contains("          \"spark.dotnet.ignoreSparkPatchVersionCheck\": \"true\"", lines.Select(l => l.TrimEnd(',')));
        Assert.Contains("          \"spark.sql.execution.arrow.maxRecordsPerBatch\": \"1000000\"", lines.Select(l => l.TrimEnd(',')));
        Assert.Contains("  load fact_stock_price into fact_stock_price_staging_deploy_20251231_a1 (this run's own; its MERGE sets it to expire after 7 days):", lines);
        Assert.Contains("    ALTER TABLE `proj-1234.lakehouse.fact_stock_price_staging_deploy_20251231_a1` SET OPTIONS (expiration_timestamp = TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 7 DAY));", lines);
        Assert.Contains("          \"gs://lake-bucket/gold/fact_stock_price/*.parquet\"", lines);
        Assert.Contains("    MERGE INTO `proj-1234.lakehouse.fact_stock_price` AS t", lines);
        Assert.Contains("    CREATE OR REPLACE VIEW `proj-1234.lakehouse.mart_top_movers` AS", lines);
        Assert.Contains(lines, l => l.StartsWith("CHECK ", StringComparison.Ordinal) && l.EndsWith("checks with jobs.query, expecting the latest trade date 2025-12-31", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  fact_stock_price.fresh: SELECT COUNT(*) AS violations FROM (", StringComparison.Ordinal) && l.Contains("DATE '2025-12-31'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PrintAsync_Plan_ListsTheStepsInTheOrderTheRunnerTakesThem()
    {
        var lines = (await Print(await Plan())).Split('\n');

        int Index(string prefix) => Array.FindIndex(lines, l => l.StartsWith(prefix, StringComparison.Ordinal));
        int[] order = [Index("UPLOAD "), Index("SUBMIT 2 Dataproc batches"), Index("CREATE when missing"), Index("SUBMIT BigQuery jobs"), Index("CHECK ")];

        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
    }

    [Fact]
    public async Task PrintAsync_Plan_RecordsTheLoadAroundTheLoadsAndMartsAndRefusesAnUncommittedOneBeforeTheChecks()
    {
        // The runner runs the warehouse stage: load_state begun before the first load, committed after the marts,
        // required before the checks, and marts_exist among the checks. The dry-run shows each where it happens.
        var lines = (await Print(await Plan())).Split('\n');

        int Index(string prefix) => Array.FindIndex(lines, l => l.StartsWith(prefix, StringComparison.Ordinal));
        int[] order =
        [
            Index("  load record load_state: run 20251231-deploy_20251231_a1 started, not committed"),
            Index("    DELETE FROM `proj-1234.lakehouse.load_state` WHERE `run_id` = '20251231-deploy_20251231_a1';"),
            Index("    INSERT INTO `proj-1234.lakehouse.load_state` (`run_id`, `committed`, `recorded_at`) VALUES ('20251231-deploy_20251231_a1', FALSE, CURRENT_TIMESTAMP);"),
            Index("  load dim_date into"),
            Index("    CREATE OR REPLACE VIEW `proj-1234.lakehouse.mart_latest_snapshot` AS"),
            Index("  load record load_state: run 20251231-deploy_20251231_a1 committed, last of all"),
            Index("    UPDATE `proj-1234.lakehouse.load_state` SET `committed` = TRUE, `recorded_at` = CURRENT_TIMESTAMP WHERE `run_id` = '20251231-deploy_20251231_a1';"),
            Index("    SELECT CASE WHEN COUNT(*) = 0 THEN ERROR('The load record load_state has no row for run 20251231-deploy_20251231_a1 to mark committed"),
            Index("REFUSE the checks unless the last load committed (load_state):"),
            Index("CHECK "),
            Index("  marts.marts_exist: SELECT COUNT(*) AS violations FROM (SELECT expected.missing FROM (SELECT 'mart_correlation_symbol' AS missing"),
        ];

        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.Contains("`proj-1234.lakehouse`.INFORMATION_SCHEMA.TABLES", lines[order[^1]], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("did not finish, so its tables may be part-loaded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PlanAsync_Checks_IncludeTheMartsCheckTheStageRuns()
    {
        var plan = await Plan();

        Assert.Single(plan.Checks, c => c.Table == "marts" && c.Name == "marts_exist");
        Assert.Contains("'20251231-deploy_20251231_a1'", plan.LoadRecord.Begin, StringComparison.Ordinal);
        Assert.StartsWith("CREATE TABLE IF NOT EXISTS `proj-1234.lakehouse.load_state`", plan.LoadRecord.Begin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAsync_LoadRecord_RunIdStartsWithTheSessionPrefixTheDataQualitySensorWaitsFor()
    {
        var plan = await Plan(new DateOnly(2025, 12, 31), attempt: 2);
        var sessionPrefix = ComposerPlaceholders.SessionRunPrefix.Replace(ComposerPlaceholders.SessionDateNoDash, "20251231", StringComparison.Ordinal);

        Assert.Equal("20251231-", sessionPrefix);
        Assert.StartsWith(sessionPrefix, plan.Options.LoadRun, StringComparison.Ordinal);
        Assert.Contains($"VALUES ('{plan.Options.LoadRun}', FALSE", plan.LoadRecord.Begin, StringComparison.Ordinal);
        Assert.Contains($"WHERE `run_id` = '{plan.Options.LoadRun}'", plan.LoadRecord.Commit, StringComparison.Ordinal);
        Assert.Equal("deploy_20251231_a2", plan.Options.StagingRun);
    }

    [Fact]
    public async Task PrintAsync_SkipSpark_SaysNoBatchIsSubmitted()
    {
        var text = await Print(await Plan(runSpark: false));

        Assert.Contains("SUBMIT no Dataproc batch (--skip-spark)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("batchId=", text, StringComparison.Ordinal);
    }

    public void Dispose() => _lake.Dispose();

    private DeployOptions Options(DateOnly? date = null, int attempt = 1, bool runSpark = true) => new(
        date ?? new DateOnly(2025, 12, 31),
        _lake.Root,
        "proj-1234",
        "europe-west1",
        "europe-west1",
        "lake-bucket",
        "lakehouse",
        DataprocEnvironment.Conventional("proj-1234", "europe-west1"),
        attempt,
        runSpark);

    private Task<DeployPlan> Plan(DateOnly? date = null, int attempt = 1, bool runSpark = true) =>
        DeployPlanner.PlanAsync(Options(date, attempt, runSpark), Catalogs.Schemas, Catalogs.Marts, CancellationToken.None);

    private static async Task<string> Print(DeployPlan plan)
    {
        var output = new StringWriter();
        await DeployPlanPrinter.PrintAsync(plan, output, CancellationToken.None);
        return output.ToString();
    }
}
