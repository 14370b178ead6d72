using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StockLakehouse.Cloud.Artifacts;

namespace StockLakehouse.Cloud.Tests.Artifacts;

public sealed class ArtifactGeneratorTests
{
    private static readonly IReadOnlyList<GeneratedFile> Files = ArtifactGenerator.Generate(Catalogs.Schemas, Catalogs.Marts);

    [Fact]
    public void Generate_Manifest_ListsTheGoldTablesDimensionsBeforeFacts()
    {
        var tables = Manifest()["tables"]!.AsArray().Select(t => t!["table"]!.GetValue<string>()).ToArray();

        Assert.Equal(Catalogs.Gold.Select(t => t.Name).Order(), tables.Order());
        Assert.True(Array.IndexOf(tables, "dim_exchange") < Array.IndexOf(tables, "dim_company"));
        Assert.True(Array.IndexOf(tables, "dim_company") < Array.IndexOf(tables, "fact_stock_price"));
        Assert.True(Array.IndexOf(tables, "dim_date") < Array.IndexOf(tables, "fact_stock_price"));
    }

    [Fact]
    public void Generate_Manifest_DescribesEachTableAndNamesOnlyFilesThatExist()
    {
        var paths = Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var manifest = Manifest();
        var fact = manifest["tables"]!.AsArray().Single(t => t!["table"]!.GetValue<string>() == "fact_stock_price")!;

        Assert.Equal("gold/fact_stock_price", fact["lake_prefix"]!.GetValue<string>());
        Assert.Equal(["symbol", "trade_date"], fact["key"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Equal("MONTH", fact["partitioning"]!["type"]!.GetValue<string>());
        Assert.Equal(["symbol", "company_key"], fact["clustering"]!.AsArray().Select(k => k!.GetValue<string>()));
        var named = Regex.Matches(manifest.ToJsonString(), "\"((?:bigquery|dataproc)/[^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();
        Assert.NotEmpty(named);
        Assert.All(named, n => Assert.Contains(n, paths));
    }

    [Fact]
    public void Generate_MergeSql_UsesExactlyTheAirflowParamsPlaceholders()
    {
        foreach (var file in Files.Where(f => f.Path.EndsWith(".merge.sql", StringComparison.Ordinal)))
        {
            var table = Path.GetFileName(file.Path)[..^".merge.sql".Length];
            Assert.Contains($"`{{{{ params.project }}}}.{{{{ params.dataset }}}}.{table}_staging_r{{{{ dag_run.id }}}}`", file.Content, StringComparison.Ordinal);
            Assert.Contains($"MERGE INTO `{{{{ params.project }}}}.{{{{ params.dataset }}}}.{table}` AS t", file.Content, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"\{\{(?!\s(params\.project|params\.dataset|dag_run\.id)\s\}\})", file.Content);
        }
    }

    [Fact]
    public void Generate_Checks_AreCountQueriesOverDatasetQualifiedTables()
    {
        var checks = Json("bigquery/checks.json").AsArray();

        Assert.NotEmpty(checks);
        foreach (var check in checks)
        {
            var sql = check!["sql"]!.GetValue<string>();
            Assert.StartsWith("SELECT COUNT(*) AS violations FROM (", sql, StringComparison.Ordinal);
            Assert.EndsWith(") AS violating_rows", sql, StringComparison.Ordinal);
            // No double-quoted text in the SQL itself; the session placeholder's quotes are Jinja's, gone once rendered.
            Assert.DoesNotContain("\"", sql.Replace(ComposerPlaceholders.SessionDate, "2025-12-31", StringComparison.Ordinal), StringComparison.Ordinal);
            foreach (Match from in Regex.Matches(sql, @"(?<!EXTRACT\(\w+\s)\b(?:FROM|JOIN)\s+(`[^`]+`|\S+)"))
            {
                var relation = from.Groups[1].Value;
                // A table of the dataset, a subquery, or the dataset's own catalog (marts_exist).
                var catalog = relation == "`{{ params.project }}.{{ params.dataset }}`" && sql[(from.Index + from.Length)..].StartsWith(".INFORMATION_SCHEMA.TABLES", StringComparison.Ordinal);
                Assert.True(catalog || relation.StartsWith('(') || relation.StartsWith("`{{ params.project }}.{{ params.dataset }}.", StringComparison.Ordinal), $"{check["name"]} reads {relation}: {sql}");
            }

            Assert.False(string.IsNullOrWhiteSpace(check["table"]!.GetValue<string>()));
            Assert.False(string.IsNullOrWhiteSpace(check["description"]!.GetValue<string>()));
        }
    }

    [Fact]
    public void Generate_FreshnessCheck_IsTheOnlyOneThatUsesTheSessionDate()
    {
        var checks = Json("bigquery/checks.json").AsArray();
        var dated = checks
            .Where(c => c!["sql"]!.GetValue<string>().Contains(ComposerPlaceholders.SessionDate, StringComparison.Ordinal))
            .Select(c => $"{c!["table"]}.{c["name"]}")
            .ToArray();
        var flagged = checks.Where(c => c!["uses_session_date"]!.GetValue<bool>()).Select(c => $"{c!["table"]}.{c["name"]}").ToArray();

        Assert.Equal(["fact_stock_price.fresh"], dated);
        Assert.Equal(dated, flagged);
        Assert.DoesNotContain(checks, c => c!["sql"]!.GetValue<string>().Contains("{{ ds", StringComparison.Ordinal));
        Assert.DoesNotContain(checks, c => c!["description"]!.GetValue<string>().Contains("{{", StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_SessionDate_IsTheNewYorkDateOfTheDataIntervalEnd()
    {
        Assert.Equal("{{ data_interval_end.in_timezone(\"America/New_York\") | ds }}", ComposerPlaceholders.SessionDate);
        Assert.Equal(ComposerPlaceholders.SessionDate, Manifest()["session_date"]!.GetValue<string>());
    }

    [Fact]
    public void Generate_SymbolFreshnessWarning_IsAWarningWithATolerance()
    {
        var warning = Assert.Single(Json("bigquery/warnings.json").AsArray())!;

        Assert.Equal("symbol_fresh", warning["name"]!.GetValue<string>());
        Assert.Equal(SymbolFreshnessWarning.ToleranceTradingDays, warning["tolerance_trading_days"]!.GetValue<int>());
        Assert.Contains("c.`is_current` AND c.`delisting_date` IS NULL", warning["sql"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains($"LIMIT {SymbolFreshnessWarning.ToleranceTradingDays + 1})", warning["sql"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("bigquery/warnings.json", Manifest()["warnings"]!.GetValue<string>());
    }

    [Fact]
    public void Generate_LoadState_RecordsTheRunOfTheSessionAndNamesOnlyKnownPlaceholders()
    {
        var loadState = Manifest()["load_state"]!.AsObject();
        var run = $"'{ComposerPlaceholders.SessionDateNoDash}-r{{{{ dag_run.id }}}}'";

        Assert.Equal(["begin", "commit", "require_committed", "session_loaded"], loadState.Select(p => p.Key));
        var begin = Text(loadState["begin"]!.GetValue<string>());
        Assert.StartsWith("CREATE TABLE IF NOT EXISTS `{{ params.project }}.{{ params.dataset }}.load_state` (", begin, StringComparison.Ordinal);
        Assert.Contains($"VALUES ({run}, FALSE, CURRENT_TIMESTAMP);", begin, StringComparison.Ordinal);
        var commit = Text(loadState["commit"]!.GetValue<string>()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith($"WHERE `run_id` = {run};", commit[0], StringComparison.Ordinal);
        Assert.Matches(@"^SELECT CASE WHEN COUNT\(\*\) = 0 THEN ERROR\('The load record load_state has no row for run .+ to mark committed", commit[1]);
        Assert.EndsWith($"WHERE `run_id` = {run} AND `committed`;", commit[1], StringComparison.Ordinal);
        Assert.Contains($"STARTS_WITH(last_load.`run_id`, '{ComposerPlaceholders.SessionDateNoDash}-')", Text(loadState["session_loaded"]!.GetValue<string>()), StringComparison.Ordinal);
        foreach (var file in loadState.Select(p => Text(p.Value!.GetValue<string>())))
        {
            var known = file.Replace(ComposerPlaceholders.SessionDateNoDash, string.Empty, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"\{\{(?!\s(params\.project|params\.dataset|dag_run\.id)\s\}\})", known);
        }
    }

    [Fact]
    public void Generate_DataprocBatches_PutTheSessionDateInArgsAndLabelsAndOneIdPerTry()
    {
        foreach (var job in SparkHostJobs.All)
        {
            var file = Json($"dataproc/{job}.batch.json");
            var batchId = file["batch_id"]!.GetValue<string>();
            Assert.Equal($"lakehouse-{job}-{ComposerPlaceholders.SessionDateNoDash}-r{{{{ dag_run.id }}}}-t{{{{ ti.try_number }}}}", batchId);
            var batch = file["batch"]!;
            var args = batch["spark_batch"]!["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();
            Assert.Equal(job, args[2]);
            Assert.Equal(ComposerPlaceholders.SessionDate, args[Array.IndexOf(args, "--date") + 1]);
            Assert.Equal(batchId, args[Array.IndexOf(args, "--run-id") + 1]);
            Assert.Equal("gs://{{ params.bucket }}", args[Array.IndexOf(args, "--lake") + 1]);
            Assert.Equal(ComposerPlaceholders.SessionDateNoDash, batch["labels"]!["session"]!.GetValue<string>());
            Assert.Equal("{{ params.container_image }}", batch["runtime_config"]!["container_image"]!.GetValue<string>());
            Assert.Null(batch["environment_config"]!["execution_config"]!["staging_bucket"]);
            var longest = batchId
                .Replace(ComposerPlaceholders.SessionDateNoDash, "20251231", StringComparison.Ordinal)
                .Replace("{{ dag_run.id }}", "9999999999", StringComparison.Ordinal)
                .Replace("{{ ti.try_number }}", "999", StringComparison.Ordinal);
            Assert.True(DataprocBatchId.IsValid(longest), longest);
        }
    }

    [Fact]
    public void Generate_Marts_AreQualifiedViewsAfterTheirSymbolsTable()
    {
        var marts = Manifest()["marts"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()).ToArray();

        Assert.Equal(["mart_correlation_symbol", .. Catalogs.Marts.Views.Select(v => v.Name)], marts);
        var latest = Files.Single(f => f.Path == "bigquery/marts/mart_latest_snapshot.sql").Content;
        Assert.Contains("CREATE OR REPLACE VIEW `{{ params.project }}.{{ params.dataset }}.mart_latest_snapshot` AS", latest, StringComparison.Ordinal);
        Assert.Contains("LEFT JOIN `{{ params.project }}.{{ params.dataset }}.mart_52_week_range` AS r", latest, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\b(?:FROM|JOIN)\s+(?:fact_|dim_|mart_)", latest);
    }

    [Fact]
    public void Generate_Twice_IsIdenticalAndEndsEveryFileWithANewline()
    {
        var again = ArtifactGenerator.Generate(Catalogs.Schemas, Catalogs.Marts);

        Assert.Equal(Files, again);
        Assert.All(Files, f => Assert.EndsWith("\n", f.Content, StringComparison.Ordinal));
        Assert.All(Files, f => Assert.DoesNotContain("\r", f.Content, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WriteAsync_StaleTemplate_IsRemovedButFilesOutsideOwnedFoldersStay()
    {
        using var temp = new TempFolder();
        var folder = temp.Path;
        Directory.CreateDirectory(Path.Combine(folder, "bigquery"));
        await File.WriteAllTextAsync(Path.Combine(folder, "bigquery", "dropped_table.merge.sql"), "stale");
        await File.WriteAllTextAsync(Path.Combine(folder, "README.md"), "mine");

        var removed = await ArtifactWriter.WriteAsync(folder, Files, CancellationToken.None);

        Assert.Equal(["bigquery/dropped_table.merge.sql"], removed);
        Assert.True(File.Exists(Path.Combine(folder, "README.md")));
        Assert.True(File.Exists(Path.Combine(folder, "manifest.json")));
    }

    private static JsonObject Manifest() => Json("manifest.json").AsObject();

    private static JsonNode Json(string path) => JsonNode.Parse(Files.Single(f => f.Path == path).Content)!;

    private static string Text(string path) => Files.Single(f => f.Path == path).Content;
}
