using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.Schemas;

/// <summary>One column of a table as declared in a BigQuery JSON schema file under schemas/.</summary>
public sealed record FieldSchema(string Name, string BigQueryType, bool Required, string Description)
{
    /// <summary>The lakehouse column type of <see cref="BigQueryType"/>.</summary>
    public ColumnType ColumnType => BigQueryType switch
    {
        "STRING" => ColumnType.String,
        "INT64" or "INTEGER" => ColumnType.Int64,
        "FLOAT64" or "FLOAT" => ColumnType.Double,
        "BOOL" or "BOOLEAN" => ColumnType.Boolean,
        "DATE" => ColumnType.Date,
        "TIMESTAMP" => ColumnType.Timestamp,
        _ => throw new NotSupportedException($"Column '{Name}' has BigQuery type '{BigQueryType}', which the lakehouse does not map."),
    };
}
