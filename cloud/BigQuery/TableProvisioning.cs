namespace StockLakehouse.Cloud.BigQuery;

/// <summary>Whether <see cref="BigQueryWarehouse.EnsureTableAsync"/> created a table or found it in place, and whether what it found holds rows.</summary>
public enum TableProvisioning
{
    Created,
    Existed,

    /// <summary>Found in place holding no rows: the numRows of the table resource BigQuery answered with was 0.</summary>
    ExistedEmpty,
}
