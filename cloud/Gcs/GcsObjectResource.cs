namespace StockLakehouse.Cloud.Gcs;

/// <summary>The fields of a GCS object resource this store reads (the JSON API sends 64-bit numbers as strings).</summary>
internal sealed record GcsObjectResource(string Name, long Size, long Generation);
