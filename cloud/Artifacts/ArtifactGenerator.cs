using System.Text.Json.Nodes;
using StockLakehouse.Cloud.BigQuery;
using StockLakehouse.Cloud.Dataproc;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Cloud.Artifacts;

/// <summary>
/// Generates, from schemas/ and the marts, every file the Composer DAGs use, so the DAGs hold no SQL, no
/// schema and no job configuration of their own:
/// <code>
/// manifest.json                      tables in load order, their lake prefix, key, partitioning, clustering, and every file below
/// bigquery/schemas/&lt;table&gt;.json        the BigQuery schema (fields with modes and descriptions)
/// bigquery/tables/&lt;table&gt;.json         the tables.insert resource (partitioning, clustering)
/// bigquery/&lt;table&gt;.load.json          the load job configuration (lake Parquet → the run's &lt;table&gt;_staging_r&lt;run&gt;)
/// bigquery/&lt;table&gt;.merge.sql          the MERGE of the run's staging table into &lt;table&gt; by key
/// bigquery/load_state/begin.sql      the load record: created when missing, then "this run started, not committed" (before the loads)
/// bigquery/load_state/commit.sql     the load record marked committed (after the marts, last of all)
/// bigquery/load_state/require_committed.sql   0 when the last load committed, else a query error saying why (before the checks)
/// bigquery/load_state/session_loaded.sql      1 once a load of the session committed, else 0 (the data-quality DAG's wait)
/// bigquery/checks.json               every check as SELECT COUNT(*) AS violations FROM (…), marts_exist included; a failing one fails the run
/// bigquery/warnings.json             warning-level checks (the per-symbol freshness): the rows they select are reported, never fail a run
/// bigquery/calendar.json           the NYSE calendar lookups the DAGs make in dim_date (named parameters @day, @start, @end)
/// bigquery/marts/&lt;name&gt;.sql           the correlation symbols table, then one view per mart
/// dataproc/&lt;job&gt;.batch.json          the Dataproc batch of the silver and gold Spark jobs
/// </code>
/// Values known only when a DAG runs are Jinja placeholders (<see cref="ComposerPlaceholders"/>).
/// </summary>
public static class ArtifactGenerator
{
    public static IReadOnlyList<GeneratedFile> Generate(SchemaCatalog schemas, MartCatalog marts)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        ArgumentNullException.ThrowIfNull(marts);
        var dataset = BigQueryDataset.Templated;
        var tables = WarehouseStage.Tables(schemas);
        var relations = BigQueryMartSql.Relations(schemas, marts);
        var files = new List<GeneratedFile>();
        var manifestTables = new JsonArray();

        foreach (var table in tables)
        {
            var tableFiles = new JsonObject
            {
                ["schema"] = $"bigquery/schemas/{table.Name}.json",
                ["table"] = $"bigquery/tables/{table.Name}.json",
                ["load"] = $"bigquery/{table.Name}.load.json",
                ["merge"] = $"bigquery/{table.Name}.merge.sql",
            };
            files.Add(new GeneratedFile(tableFiles["schema"]!.GetValue<string>(), ArtifactJson.Write(BigQuerySchemaJson.Fields(table))));
            files.Add(new GeneratedFile(tableFiles["table"]!.GetValue<string>(), ArtifactJson.Write(BigQueryTableResource.For(table, dataset))));
            files.Add(new GeneratedFile(tableFiles["load"]!.GetValue<string>(), ArtifactJson.Write(BigQueryLoadJob.Configuration(table, dataset, ComposerPlaceholders.Bucket, ComposerPlaceholders.StagingRun))));
            files.Add(new GeneratedFile(tableFiles["merge"]!.GetValue<string>(), BigQueryMergeSql.For(table, dataset, ComposerPlaceholders.StagingRun)));
            manifestTables.Add(new JsonObject
            {
                ["table"] = table.Name,
                ["description"] = table.Description,
                ["lake_prefix"] = table.LakePrefix,
                ["lake_partition"] = table.LakePartition,
                ["source_uri"] = BigQueryLoadJob.SourceUri(table, ComposerPlaceholders.Bucket),
                ["staging_table"] = BigQueryDataset.StagingTableOf(table.Name, ComposerPlaceholders.StagingRun),
                ["key"] = Strings(table.Key),
                ["partitioning"] = table.Partitioning is { } p ? new JsonObject { ["field"] = p.Field, ["type"] = p.Type } : null,
                ["clustering"] = Strings(table.Clustering),
                ["files"] = tableFiles,
            });
        }

        var checks = new JsonArray();
        foreach (var check in BigQueryCheckSql.ForRunDate(tables, dataset, relations, ComposerPlaceholders.SessionDate).Append(BigQueryLoadStateSql.MartsExist(marts, dataset, relations)))
        {
            checks.Add(CheckEntry(check, check.CountSql));
        }

        var loadState = new JsonObject
        {
            ["begin"] = "bigquery/load_state/begin.sql",
            ["commit"] = "bigquery/load_state/commit.sql",
            ["require_committed"] = "bigquery/load_state/require_committed.sql",
            ["session_loaded"] = "bigquery/load_state/session_loaded.sql",
        };
        files.Add(new GeneratedFile(loadState["begin"]!.GetValue<string>(), BigQueryLoadStateSql.Begin(dataset, ComposerPlaceholders.LoadRun)));
        files.Add(new GeneratedFile(loadState["commit"]!.GetValue<string>(), BigQueryLoadStateSql.Commit(dataset, ComposerPlaceholders.LoadRun)));
        files.Add(new GeneratedFile(loadState["require_committed"]!.GetValue<string>(), BigQueryLoadStateSql.RequireCommitted(dataset) + "\n"));
        files.Add(new GeneratedFile(loadState["session_loaded"]!.GetValue<string>(), BigQueryLoadStateSql.CommittedFor(dataset, ComposerPlaceholders.SessionRunPrefix) + "\n"));

        files.Add(new GeneratedFile("bigquery/checks.json", ArtifactJson.Write(checks)));
        var warning = SymbolFreshnessWarning.For(schemas, dataset, ComposerPlaceholders.SessionDate);
        var warningEntry = CheckEntry(warning, warning.ViolationsSql);
        warningEntry["tolerance_trading_days"] = SymbolFreshnessWarning.ToleranceTradingDays;
        files.Add(new GeneratedFile("bigquery/warnings.json", ArtifactJson.Write(new JsonArray(warningEntry))));

        files.Add(new GeneratedFile("bigquery/calendar.json", ArtifactJson.Write(CalendarQueries(dataset))));

        var martFiles = new JsonArray();
        var symbolsFile = $"bigquery/marts/{MartCatalog.CorrelationTable}.sql";
        files.Add(new GeneratedFile(symbolsFile, BigQueryMartSql.CorrelationSymbols(marts, dataset)));
        martFiles.Add(new JsonObject { ["name"] = MartCatalog.CorrelationTable, ["kind"] = "table", ["file"] = symbolsFile });
        foreach (var view in marts.Views)
        {
            var file = $"bigquery/marts/{view.Name}.sql";
            files.Add(new GeneratedFile(file, BigQueryMartSql.View(view, dataset, relations)));
            martFiles.Add(new JsonObject { ["name"] = view.Name, ["kind"] = "view", ["file"] = file });
        }

        var batches = new JsonArray();
        foreach (var job in SparkHostJobs.All)
        {
            // One id per task try (ComposerPlaceholders.TryToken), and the host's --run-id is that id, so every try
            // and every rerun keeps its own quarantine files.
            var batchId = $"lakehouse-{job}-{ComposerPlaceholders.SessionDateNoDash}-{ComposerPlaceholders.TryToken}";
            var spec = SparkHostJobs.Spec(job, ComposerPlaceholders.Bucket, ComposerPlaceholders.SessionDate, ComposerPlaceholders.SessionDateNoDash, batchId, DataprocEnvironment.Templated);
            var file = $"dataproc/{job}.batch.json";
            files.Add(new GeneratedFile(file, ArtifactJson.Write(new JsonObject
            {
                ["batch_id"] = batchId,
                ["region"] = ComposerPlaceholders.Region,
                ["batch"] = DataprocBatchJson.For(spec, DataprocFieldNames.Snake),
            })));
            batches.Add(new JsonObject { ["job"] = job, ["file"] = file });
        }

        var manifest = new JsonObject
        {
            ["description"] = "Generated by `lakehouse artifacts` from schemas/ and schemas/marts; do not edit. Regenerate with `make artifacts`.",
            ["params"] = new JsonObject(ComposerPlaceholders.Params.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
            ["macros"] = new JsonObject(ComposerPlaceholders.Macros.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
            ["session_date"] = ComposerPlaceholders.SessionDate,
            ["usage"] = new JsonObject
            {
                ["load"] = "BigQueryInsertJobOperator(configuration=<table>.load.json), then BigQueryInsertJobOperator(configuration={\"query\": {\"query\": <table>.merge.sql, \"useLegacySql\": false}}), table by table in the order of \"tables\"",
                ["checks"] = "BigQueryValueCheckOperator(sql=<check sql>, pass_value=0, use_legacy_sql=False) for every entry of bigquery/checks.json; an entry with uses_session_date needs a run that stands for a session",
                ["warnings"] = "run each entry of bigquery/warnings.json as a query and report the rows it selects; never fail the run on them",
                ["calendar"] = "query trading_day with @day (DATE) for one session's is_trading_day and holiday_name, trading_days with @start and @end (DATE) for a range's full_date and is_trading_day",
                ["marts"] = "BigQueryInsertJobOperator with each file of \"marts\" as a query, in order, after the loads",
                ["load_state"] = "BigQueryInsertJobOperator with load_state.begin as a query before the first load and load_state.commit after the last mart; BigQueryValueCheckOperator(sql=load_state.require_committed, pass_value=0) before the checks; load_state.session_loaded returns 1 once a load of the session committed",
                ["dataproc"] = "DataprocCreateBatchOperator(batch=<batch>, batch_id=<batch_id>, region=<region>, deferrable=True): silver, then gold, before the loads; the batch uses proto field names and needs nothing added",
            },
            ["tables"] = manifestTables,
            ["checks"] = "bigquery/checks.json",
            ["warnings"] = "bigquery/warnings.json",
            ["calendar"] = "bigquery/calendar.json",
            ["marts"] = martFiles,
            ["load_state"] = loadState,
            ["dataproc"] = batches,
        };
        files.Insert(0, new GeneratedFile("manifest.json", ArtifactJson.Write(manifest)));
        return files;
    }

    /// <summary>The trading-calendar lookups in the warehouse's own dim_date, which the gold job writes from core/Calendar.</summary>
    private static JsonObject CalendarQueries(BigQueryDataset dataset)
    {
        var dates = dataset.Table(LakeNames.DimDate);
        return new JsonObject
        {
            ["trading_day"] = $"SELECT `is_trading_day`, `holiday_name` FROM {dates} WHERE `full_date` = @day",
            ["trading_days"] = $"SELECT `full_date`, `is_trading_day` FROM {dates} WHERE `full_date` BETWEEN @start AND @end ORDER BY `full_date`",
        };
    }

    private static JsonObject CheckEntry(BigQueryCheck check, string sql) => new()
    {
        ["table"] = check.Table,
        ["name"] = check.Name,
        // Descriptions are shown as they are (a task's doc is no template field): they name the date in words.
        ["description"] = check.Description.Replace(ComposerPlaceholders.SessionDate, "the session date", StringComparison.Ordinal),
        ["uses_session_date"] = sql.Contains(ComposerPlaceholders.SessionDate, StringComparison.Ordinal),
        ["sql"] = sql,
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
