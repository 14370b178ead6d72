using System.Text.Json.Nodes;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Cloud.BigQuery;

/// <summary>
/// The configuration of the load job that copies a gold table's Parquet files from the lake bucket into its
/// staging table of the run (<see cref="BigQueryDataset.StagingTableOf"/>), replacing what it held (a retry of
/// the same run's load).
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
    public static JsonObject Configuration(TableSchema table, BigQueryDataset dataset, string bucket, string run)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(dataset);
        return new JsonObject
        {
            ["load"] = new JsonObject
            {
                ["sourceUris"] = new JsonArray(SourceUri(table, bucket)),
                ["sourceFormat"] = "PARQUET",
                ["destinationTable"] = new JsonObject
                {
                    ["projectId"] = dataset.Project,
                    ["datasetId"] = dataset.Dataset,
                    ["tableId"] = BigQueryDataset.StagingTableOf(table.Name, run),
                },
                ["schema"] = new JsonObject { ["fields"] = BigQuerySchemaJson.Fields(table, staging: true) },
                ["createDisposition"] = "CREATE_IF_NEEDED",
                ["writeDisposition"] = "WRITE_TRUNCATE",
            },
        };
    }
}
