using System.Text.Json.Nodes;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Cloud.BigQuery;

/// <summary>
/// The configuration of the load job that copies a gold table's Parquet files from the lake bucket into its
/// staging table of the run (<see cref="BigQueryDataset.StagingTableOf"/>), replacing what it held (a retry of
/// the same run's load). Deploy's load names the changed partition files one by one, at most
/// <see cref="MaxSourceUris"/> per job, the later jobs of a table appending; the Composer DAGs take every file of the
/// table with one wildcard URI (<see cref="SourceUri"/>).
/// </summary>
/// <remarks>
/// No <c>hivePartitioningOptions</c>: BigQuery documents that Hive partition keys and the columns inside the
/// files cannot overlap, and every lake file carries its partition column (<c>symbol</c>) itself — the lake's
/// readers take the symbol from the file, not from the escaped folder name (ARCHITECTURE.md, "Lake layout").
/// Declaring the Hive key would make the load fail; leaving it out loses nothing, because the value is in the
/// rows. The wildcard URI under the table's prefix picks up every partition file.
/// </remarks>
public static class BigQueryLoadJob
{
    /// <summary>The most source URIs one load job may name (BigQuery's quota for load jobs).</summary>
    public const int MaxSourceUris = 10_000;

    /// <summary>The GCS URI of the lake object <paramref name="key"/> in <paramref name="bucket"/>.</summary>
    public static string ObjectUri(string bucket, string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return $"gs://{bucket}/{key}";
    }

    /// <summary>The GCS URI(s) of the table's Parquet files in <paramref name="bucket"/>.</summary>
    public static string SourceUri(TableSchema table, string bucket)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        return table.LakePartition is null
            ? $"gs://{bucket}/{LakeLayout.Partition(table, null)}"
            : $"gs://{bucket}/{table.LakePrefix}/*.parquet";
    }

    /// <summary>The <c>configuration</c> object of a <c>jobs.insert</c> request (also what BigQueryInsertJobOperator takes).</summary>
    /// <param name="run">The run's staging token (<see cref="BigQueryDataset.StagingTableOf"/>).</param>
    public static JsonObject Configuration(TableSchema table, BigQueryDataset dataset, string bucket, string run) =>
        Configuration(table, dataset, [SourceUri(table, bucket)], run, append: false);

    /// <summary>
    /// The <c>configuration</c> of a load job staging <paramref name="sourceUris"/>: replacing what the staging table
    /// held, or added to it when <paramref name="append"/> (a table's later batches of <see cref="MaxSourceUris"/>).
    /// </summary>
    public static JsonObject Configuration(TableSchema table, BigQueryDataset dataset, IReadOnlyList<string> sourceUris, string run, bool append)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(sourceUris);
        if (sourceUris.Count is 0 or > MaxSourceUris)
        {
            throw new ArgumentException($"A load job of {table.Name} names between 1 and {MaxSourceUris} source URIs, not {sourceUris.Count}.", nameof(sourceUris));
        }

        return new JsonObject
        {
            ["load"] = new JsonObject
            {
                ["sourceUris"] = new JsonArray([.. sourceUris.Select(u => (JsonNode)JsonValue.Create(u))]),
                ["sourceFormat"] = "PARQUET",
                ["destinationTable"] = new JsonObject
                {
                    ["projectId"] = dataset.Project,
                    ["datasetId"] = dataset.Dataset,
                    ["tableId"] = BigQueryDataset.StagingTableOf(table.Name, run),
                },
                ["schema"] = new JsonObject { ["fields"] = BigQuerySchemaJson.Fields(table, staging: true) },
                ["createDisposition"] = "CREATE_IF_NEEDED",
                ["writeDisposition"] = append ? "WRITE_APPEND" : "WRITE_TRUNCATE",
            },
        };
    }
}
