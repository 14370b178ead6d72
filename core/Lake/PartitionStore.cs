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
    public async Task<string> ReplaceAsync(TableSchema table, string? partitionValue, RecordBatch batch, CancellationToken cancellationToken) =>
        (await ReplaceAllAsync([(table, partitionValue, batch)], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>
    /// Replaces several partitions (a symbol's partitions of several tables) and returns their object keys, in order.
    /// Every file is written aside first, so a batch that fails to encode publishes none of them; then they are
    /// published at once, each flushed to disk and renamed on its own, so their flushes overlap (the file system's
    /// journal commits them together) instead of each waiting for the last. Each partition is still swapped in whole;
    /// a crash while publishing may leave some of them new and the others old, as replacing them one by one would.
    /// </summary>
    public async Task<string[]> ReplaceAllAsync(IReadOnlyList<(TableSchema Table, string? PartitionValue, RecordBatch Batch)> partitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var keys = partitions.Select(p => LakeLayout.Partition(p.Table, p.PartitionValue)).ToArray();
        if (keys.Length == 0)
        {
            return keys;
        }

        var staged = new List<string>(keys.Length);
        try
        {
            for (var i = 0; i < keys.Length; i++)
            {
                staged.Add(_store.StagingPath(keys[i]));
                await _parquet.WriteAsync(partitions[i].Table, partitions[i].Batch, staged[i], cancellationToken).ConfigureAwait(false);
            }

            // A local store's publish blocks on the disk: all but the first go to the thread pool, the first runs here.
            var others = Enumerable.Range(1, keys.Length - 1)
                .Select(i => Task.Run(() => _store.PublishFileAsync(keys[i], staged[i], cancellationToken), cancellationToken))
                .ToArray();
            try
            {
                await _store.PublishFileAsync(keys[0], staged[0], cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // Every publish finishes (or fails) before the staged files are cleaned up below.
                await Task.WhenAll(others).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var path in staged)
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                }
            }
        }

        return keys;
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
