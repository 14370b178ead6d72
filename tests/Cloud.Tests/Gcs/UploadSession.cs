using System.Net;

namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>A resumable upload session held by <see cref="FakeGcsServer"/>.</summary>
internal sealed class UploadSession
{
    public UploadSession(string bucket, string name, bool createOnly)
    {
        Bucket = bucket;
        Name = name;
        CreateOnly = createOnly;
    }

    public string Bucket { get; }

    public string Name { get; }

    public bool CreateOnly { get; }

    public MemoryStream Received { get; } = new();

    /// <summary>How the session ended (status and object resource), or null while bytes are still expected.</summary>
    public (HttpStatusCode Status, object? Resource)? Finished { get; set; }
}
