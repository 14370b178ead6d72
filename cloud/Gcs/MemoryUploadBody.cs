namespace StockLakehouse.Cloud.Gcs;

/// <summary>An upload from bytes already in memory.</summary>
internal sealed class MemoryUploadBody : IUploadBody
{
    private readonly ReadOnlyMemory<byte> _content;

    public MemoryUploadBody(ReadOnlyMemory<byte> content)
    {
        _content = content;
    }

    public long Length => _content.Length;

    public ValueTask<HttpContent> ContentAsync(long offset, int count, CancellationToken cancellationToken) =>
        ValueTask.FromResult<HttpContent>(new ReadOnlyMemoryContent(_content.Slice(checked((int)offset), count)));

    public void Dispose()
    {
    }
}
