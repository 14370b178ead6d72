namespace StockLakehouse.Cloud.Deploy;

/// <summary>
/// One lake object to upload: its key (the same in the local lake and in the bucket), its local file, its size,
/// and whether it is create-only (raw objects are immutable: an object already in the bucket is kept) or
/// replaces what the bucket has (silver and gold partitions).
/// </summary>
public sealed record PlannedUpload(string Key, string LocalPath, long Bytes, bool CreateOnly)
{
    public string Uri(string bucket) => $"gs://{bucket}/{Key}";
}
