using System.Text.Json.Nodes;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Cloud.BigQuery;

/// <summary>The body of <c>tables.insert</c> for a table of schemas/: schema with descriptions, time partitioning and clustering.</summary>
/// <remarks>
/// Why the facts are partitioned by MONTH of trade_date and not by DAY: a load or DML job may write at most
/// 4,000 partitions and a table may hold at most 10,000. Twenty years of trading days are about 5,000 daily
/// partitions (7,300 calendar days), so one backfill would exceed the per-job limit and a long history would
/// approach the per-table one; monthly partitions are 240 for twenty years and stay far below both limits for
/// centuries, while still letting a dashboard's date range prune to the months it reads. Clustering by symbol
/// then orders rows within a month, so a query for a few symbols reads a few blocks.
/// </remarks>
public static class BigQueryTableResource
{
    /// <summary>BigQuery allows at most four clustering columns.</summary>
    public const int MaxClusteringFields = 4;

    private static readonly string[] PartitionTypes = ["DAY", "HOUR", "MONTH", "YEAR"];
    private static readonly string[] PartitionColumnTypes = ["DATE", "TIMESTAMP", "DATETIME"];

    public static JsonObject For(TableSchema table, BigQueryDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(dataset);
        var resource = new JsonObject
        {
            ["tableReference"] = new JsonObject
            {
                ["projectId"] = dataset.Project,
                ["datasetId"] = dataset.Dataset,
                ["tableId"] = table.Name,
            },
            ["description"] = table.Description,
            ["schema"] = new JsonObject { ["fields"] = BigQuerySchemaJson.Fields(table) },
        };

        if (table.Partitioning is { } partitioning)
        {
            if (!PartitionTypes.Contains(partitioning.Type, StringComparer.Ordinal))
            {
                throw new InvalidDataException($"Table '{table.Name}' declares partitioning type '{partitioning.Type}'; BigQuery accepts {string.Join(", ", PartitionTypes)}.");
            }

            var column = table.Field(partitioning.Field);
            if (!PartitionColumnTypes.Contains(column.BigQueryType, StringComparer.Ordinal))
            {
                throw new InvalidDataException($"Table '{table.Name}' is partitioned by '{column.Name}' of type {column.BigQueryType}; BigQuery partitions by a DATE, TIMESTAMP or DATETIME column.");
            }

            resource["timePartitioning"] = new JsonObject { ["type"] = partitioning.Type, ["field"] = partitioning.Field };
        }

        if (table.Clustering.Count > 0)
        {
            if (table.Clustering.Count > MaxClusteringFields)
            {
                throw new InvalidDataException($"Table '{table.Name}' declares {table.Clustering.Count} clustering columns; BigQuery allows at most {MaxClusteringFields}.");
            }

            resource["clustering"] = new JsonObject { ["fields"] = new JsonArray([.. table.Clustering.Select(c => (JsonNode)JsonValue.Create(c))]) };
        }

        resource["labels"] = new JsonObject { ["layer"] = table.Layer, ["managed-by"] = "stocklakehouse" };
        return resource;
    }
}
