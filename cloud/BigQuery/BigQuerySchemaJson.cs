using System.Text.Json.Nodes;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Cloud.BigQuery;

/// <summary>A table's columns as BigQuery schema fields (<c>name</c>, <c>type</c>, <c>mode</c>, <c>description</c>), read from schemas/.</summary>
public static class BigQuerySchemaJson
{
    /// <summary>
    /// The fields of <paramref name="table"/>. For a staging table every field is NULLABLE: the Parquet files
    /// mark their columns optional, and it is the MERGE into the target's REQUIRED columns (and the not-null
    /// checks) that rejects a NULL, with BigQuery naming the column, rather than the load.
    /// </summary>
    public static JsonArray Fields(TableSchema table, bool staging = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        var fields = new JsonArray();
        foreach (var field in table.Fields)
        {
            fields.Add(new JsonObject
            {
                ["name"] = field.Name,
                ["type"] = field.BigQueryType,
                ["mode"] = field.Required && !staging ? "REQUIRED" : "NULLABLE",
                ["description"] = field.Description,
            });
        }

        return fields;
    }
}
