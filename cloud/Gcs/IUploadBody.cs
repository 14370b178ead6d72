namespace StockLakehouse.Cloud.Gcs;

/// <summary>The bytes of an upload, handed out as HTTP content one range at a time (ranges are requested in sequence).</summary>
internal interface IUploadBody : IDisposable
{
    long Length { get; }

    /// <summary>Content holding bytes [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="count"/>); valid until the next call.</summary>
    ValueTask<HttpContent> ContentAsync(long offset, int count, CancellationToken cancellationToken);
}
