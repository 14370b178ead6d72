namespace StockLakehouse.Cloud.BigQuery;

/// <summary>Whether <see cref="BigQueryWarehouse.EnsureTableAsync"/> created a table or found it in place.</summary>
public enum TableProvisioning
{
    Created,
    Existed,
}
