using System.Net;

namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>A resumable upload session held by <see cref="FakeGcsServer"/>.</summary>
internal sealed class UploadSession
{
    public UploadSession(string bucket, string name, long? ifGenerationMatch)
    {
        Bucket = bucket;
        Name = name;
        IfGenerationMatch = ifGenerationMatch;
    }

    public string Bucket { get; }

    public string Name { get; }

    /// <summary>The generation the object must have when the session finalizes (0: it must not exist), or null.</summary>
    public long? IfGenerationMatch { get; }

    public MemoryStream Received { get; } = new();

    /// <summary>How the session ended (status and object resource), or null while bytes are still expected.</summary>
    public (HttpStatusCode Status, object? Resource)? Finished { get; set; }
}
