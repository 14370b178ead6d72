namespace StockLakehouse.Cloud.Gcs;

/// <summary>The object resource sent when a resumable upload session starts.</summary>
internal sealed record GcsUploadMetadata(string Name, string ContentType);
