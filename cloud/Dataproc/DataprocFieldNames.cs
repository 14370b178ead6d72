namespace StockLakehouse.Cloud.Dataproc;

/// <summary>How Batch field names are spelled: REST JSON (lowerCamelCase) or proto field names (snake_case).</summary>
public enum DataprocFieldNames
{
    Camel,
    Snake,
}
