namespace StockLakehouse.Core.Tables;

/// <summary>The logical column types the lakehouse stores; each maps to one BigQuery and one DuckDB type.</summary>
public enum ColumnType
{
    Boolean,
    Int32,
    Int64,
    Double,
    /// <summary>A calendar date with no time zone (BigQuery DATE).</summary>
    Date,
    /// <summary>A UTC instant with microsecond precision (BigQuery TIMESTAMP).</summary>
    Timestamp,
    String,
}
