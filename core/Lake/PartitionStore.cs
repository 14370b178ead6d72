using StockLakehouse.Core.Parquet;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.Lake;

/// <summary>
/// Silver and gold partitions: each partition is exactly one Parquet file, written aside and then swapped
/// in by the object store's atomic replace, so a crash leaves either the old or the new partition visible,
/// never a half-written one.
/// </summary>
public sealed class PartitionStore
{
    private readonly IObjectStore _store;
    private readonly ParquetFiles _parquet;

    public PartitionStore(IObjectStore store, ParquetFiles parquet)
    {
        _store = store;
        _parquet = parquet;
    }

    public IObjectStore Store => _store;

    /// <summary>Replaces the partition and returns its object key.</summary>
    public async Task<string> ReplaceAsync(TableSchema table, string? partitionValue, RecordBatch batch, CancellationToken cancellationToken)
    {
        var key = LakeLayout.Partition(table, partitionValue);
        var staged = _store.StagingPath(key);
        try
        {
            await _parquet.WriteAsync(table, batch, staged, cancellationToken).ConfigureAwait(false);
            await _store.PublishFileAsync(key, staged, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (File.Exists(staged))
            {
                File.Delete(staged);
            }
        }

        return key;
    }

    /// <summary>The partition's rows, or null when the partition does not exist.</summary>
    public async Task<RecordBatch?> ReadAsync(TableSchema table, string? partitionValue, CancellationToken cancellationToken)
    {
        var key = LakeLayout.Partition(table, partitionValue);
        var local = _store.LocalPath(key);
        if (local is not null)
        {
            return File.Exists(local) ? await _parquet.ReadAsync(table, local, cancellationToken).ConfigureAwait(false) : null;
        }

        var bytes = await _store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : await DecodeAsync(table, key, bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rows of a partition file of <paramref name="table"/> already read as <paramref name="bytes"/> from <paramref name="key"/>.</summary>
    public async Task<RecordBatch> DecodeAsync(TableSchema table, string key, byte[] bytes, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return await _parquet.ReadAsync(table, stream, $"'{key}'", cancellationToken).ConfigureAwait(false);
    }
}
