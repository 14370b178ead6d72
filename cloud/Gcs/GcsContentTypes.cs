namespace StockLakehouse.Cloud.Gcs;

/// <summary>The Content-Type stored with an object, from its key's extension, so consoles and tools show it right.</summary>
internal static class GcsContentTypes
{
    public static string For(string key) => Path.GetExtension(key).ToUpperInvariant() switch
    {
        ".JSON" => "application/json",
        ".JSONL" => "application/x-ndjson",
        ".CSV" => "text/csv",
        ".PARQUET" => "application/vnd.apache.parquet",
        _ => "application/octet-stream",
    };
}
