using System.Text.Json.Nodes;
using StockLakehouse.Cloud.BigQuery;
using StockLakehouse.Cloud.Dataproc;
using StockLakehouse.Core.Schemas;

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
/// bigquery/checks.json               every check as SELECT COUNT(*) AS violations FROM (…)
/// bigquery/marts/&lt;name&gt;.sql           the correlation symbols table, then one view per mart
/// dataproc/&lt;job&gt;.batch.json          the Dataproc batch of the silver and gold Spark jobs
/// </code>
/// Values known only when a DAG runs are Jinja placeholders (<see cref="ComposerPlaceholders"/>).
/// </summary>
public static class ArtifactGenerator
{
    /// <summary>The layer whose tables the warehouse holds.</summary>
    public const string WarehouseLayer = "gold";

    public static IReadOnlyList<GeneratedFile> Generate(SchemaCatalog schemas, MartCatalog marts)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        ArgumentNullException.ThrowIfNull(marts);
        var dataset = BigQueryDataset.Templated;
        var tables = TableLoadOrder.Of(schemas.Tables.Where(t => t.Layer == WarehouseLayer));
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
        foreach (var check in BigQueryCheckSql.ForRunDate(tables, dataset, relations, ComposerPlaceholders.RunDate))
        {
            checks.Add(new JsonObject
            {
                ["table"] = check.Table,
                ["name"] = check.Name,
                ["description"] = check.Description,
                ["sql"] = check.CountSql,
            });
        }

        files.Add(new GeneratedFile("bigquery/checks.json", ArtifactJson.Write(checks)));

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
            var batchId = DataprocBatchId.Template($"lakehouse-{job}");
            var spec = SparkHostJobs.Spec(job, ComposerPlaceholders.Bucket, ComposerPlaceholders.RunDate, ComposerPlaceholders.RunDateNoDash, batchId, DataprocEnvironment.Templated);
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
            ["macros"] = new JsonObject
            {
                ["ds"] = "the logical date, yyyy-MM-dd: the run date of the Spark jobs and the freshness check",
                ["ds_nodash"] = "the logical date, yyyymmdd: in Dataproc batch ids and labels",
                ["dag_run.id"] = "the DAG run's id in Airflow's database: in the run's own staging table names (<table>_staging_r<id>)",
            },
            ["usage"] = new JsonObject
            {
                ["load"] = "BigQueryInsertJobOperator(configuration=<table>.load.json), then BigQueryInsertJobOperator(configuration={\"query\": {\"query\": <table>.merge.sql, \"useLegacySql\": false}}), table by table in the order of \"tables\"",
                ["checks"] = "BigQueryValueCheckOperator(sql=<check sql>, pass_value=0, use_legacy_sql=False) for every entry of bigquery/checks.json",
                ["marts"] = "BigQueryInsertJobOperator with each file of \"marts\" as a query, in order, after the loads",
                ["dataproc"] = "DataprocCreateBatchOperator(batch=<batch>, batch_id=<batch_id>, region=<region>): silver, then gold, before the loads; the batch uses proto field names",
            },
            ["tables"] = manifestTables,
            ["checks"] = "bigquery/checks.json",
            ["marts"] = martFiles,
            ["dataproc"] = batches,
        };
        files.Insert(0, new GeneratedFile("manifest.json", ArtifactJson.Write(manifest)));
        return files;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
