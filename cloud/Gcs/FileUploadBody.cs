using Microsoft.Win32.SafeHandles;

namespace StockLakehouse.Cloud.Gcs;

/// <summary>
/// An upload from a local file, read one range at a time into a single buffer of at most one chunk, so a
/// multi-gigabyte file costs one chunk of memory.
/// </summary>
internal sealed class FileUploadBody : IUploadBody
{
    private readonly SafeFileHandle _file;
    private readonly byte[] _buffer;

    private FileUploadBody(SafeFileHandle file, long length, int maxRange)
    {
        _file = file;
        Length = length;
        _buffer = new byte[(int)Math.Min(length, maxRange)];
    }

    public long Length { get; }

    /// <summary>Opens <paramref name="path"/> for ranges of at most <paramref name="maxRange"/> bytes.</summary>
    public static FileUploadBody Open(string path, int maxRange)
    {
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        try
        {
            return new FileUploadBody(file, RandomAccess.GetLength(file), maxRange);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public async ValueTask<HttpContent> ContentAsync(long offset, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length);
        var filled = 0;
        while (filled < count)
        {
            var read = await RandomAccess.ReadAsync(_file, _buffer.AsMemory(filled, count - filled), offset + filled, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException($"The file being uploaded became shorter than {Length} bytes while it was read.");
            }

            filled += read;
        }

        return new ByteArrayContent(_buffer, 0, count);
    }

    public void Dispose() => _file.Dispose();
}
