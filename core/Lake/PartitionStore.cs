using StockLakehouse.Core.Parquet;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.Lake;

/// <summary>
/// Silver and gold partitions: each partition is one Parquet file (<see cref="LakeLayout.PartFileName"/>), or, as the
/// local stages write silver and gold, two (the base and its tail, <see cref="LakeLayout.TailFileName"/>), each written aside and then
/// swapped in by the object store's atomic replace, so a crash never leaves a half-written file visible.
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
        await StageThenAsync(Keyed(partitions), files => SideBySidePublish.RunAsync(_store, files, cancellationToken), cancellationToken).ConfigureAwait(false);
        return partitions.Select(p => LakeLayout.Partition(p.Table, p.PartitionValue)).ToArray();
    }

    /// <summary>
    /// Writes <paramref name="batch"/> as a Parquet file of <paramref name="table"/>'s columns under <paramref name="key"/>,
    /// a key outside the table's partitions (a run's change file), replacing it whole as a partition is replaced.
    /// </summary>
    public async Task WriteFileAsync(TableSchema table, string key, RecordBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        await StageThenAsync([(key, table, batch)], files => SideBySidePublish.RunAsync(_store, files, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces several partitions as <see cref="ReplaceAllAsync(IReadOnlyList{ValueTuple{TableSchema, string, RecordBatch}}, CancellationToken)"/>
    /// does, then writes the objects <paramref name="then"/> makes from the published partitions as the store lists
    /// them (a stage's state, which describes them), never before the partitions (<see cref="IObjectStore.PublishFilesThenPutAsync"/>);
    /// returns those listings, in order.
    /// </summary>
    public async Task<IReadOnlyList<ObjectInfo>> ReplaceAllAsync(
        IReadOnlyList<(TableSchema Table, string? PartitionValue, RecordBatch Batch)> partitions,
        Func<IReadOnlyList<ObjectInfo>, IReadOnlyList<NewObject>> then,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(then);
        IReadOnlyList<ObjectInfo> published = [];
        await StageThenAsync(
            Keyed(partitions),
            async files => published = await _store.PublishFilesThenPutAsync(files, then, cancellationToken).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        return published;
    }

    /// <summary>
    /// <see cref="ReplaceAllAsync(IReadOnlyList{ValueTuple{TableSchema, string, RecordBatch}}, Func{IReadOnlyList{ObjectInfo}, IReadOnlyList{NewObject}}, CancellationToken)"/>
    /// for files named by their keys (a partition's base and tail, or its tail alone).
    /// </summary>
    public async Task<IReadOnlyList<ObjectInfo>> ReplaceFilesAsync(
        IReadOnlyList<(string Key, TableSchema Table, RecordBatch Batch)> files,
        Func<IReadOnlyList<ObjectInfo>, IReadOnlyList<NewObject>> then,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(then);
        IReadOnlyList<ObjectInfo> published = [];
        await StageThenAsync(
            files,
            async staged => published = await _store.PublishFilesThenPutAsync(staged, then, cancellationToken).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        return published;
    }

    private static (string Key, TableSchema Table, RecordBatch Batch)[] Keyed(IReadOnlyList<(TableSchema Table, string? PartitionValue, RecordBatch Batch)> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        return partitions.Select(p => (LakeLayout.Partition(p.Table, p.PartitionValue), p.Table, p.Batch)).ToArray();
    }

    /// <summary>
    /// Writes every file to its own staging file, then hands them to <paramref name="publish"/>; the staged files
    /// that are still there afterwards (unpublished, after a failure) are deleted.
    /// </summary>
    private async Task StageThenAsync(
        IReadOnlyList<(string Key, TableSchema Table, RecordBatch Batch)> files,
        Func<IReadOnlyList<StagedFile>, Task> publish,
        CancellationToken cancellationToken)
    {
        var staged = new List<StagedFile>(files.Count);
        try
        {
            foreach (var (key, table, batch) in files)
            {
                staged.Add(new StagedFile(key, _store.StagingPath(key)));
                await _parquet.WriteAsync(table, batch, staged[^1].StagedPath, cancellationToken).ConfigureAwait(false);
            }

            await publish(staged).ConfigureAwait(false);
        }
        finally
        {
            foreach (var file in staged)
            {
                if (File.Exists(file.StagedPath))
                {
                    File.Delete(file.StagedPath);
                }
            }
        }
    }

    /// <summary>
    /// The partition's rows, or null when the partition does not exist: its file, followed by its tail's rows when it
    /// has one (<see cref="LakeLayout.TailFileName"/>).
    /// </summary>
    public async Task<RecordBatch?> ReadAsync(TableSchema table, string? partitionValue, CancellationToken cancellationToken)
    {
        var rows = await ReadFileAsync(table, LakeLayout.Partition(table, partitionValue), cancellationToken).ConfigureAwait(false);
        if (rows is null || partitionValue is null)
        {
            return rows;
        }

        var tail = await ReadFileAsync(table, LakeLayout.PartitionTail(table, partitionValue), cancellationToken).ConfigureAwait(false);
        return tail is null ? rows : RecordBatchRows.Concat([rows, tail]);
    }

    /// <summary>The rows of the file <paramref name="key"/> of <paramref name="table"/>, or null when it does not exist.</summary>
    public async Task<RecordBatch?> ReadFileAsync(TableSchema table, string key, CancellationToken cancellationToken)
    {
        var local = _store.LocalPath(key);
        if (local is not null)
        {
            return File.Exists(local) ? await _parquet.ReadAsync(table, local, cancellationToken).ConfigureAwait(false) : null;
        }

        var bytes = await _store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : await DecodeAsync(table, key, bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The rows of a partition whose files were already read: each file's rows, in the order given (a partition's file,
    /// then its tail), one batch.
    /// </summary>
    public async Task<RecordBatch> DecodeAsync(TableSchema table, IReadOnlyList<(string Key, byte[] Bytes)> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var batches = new RecordBatch[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            batches[i] = await DecodeAsync(table, files[i].Key, files[i].Bytes, cancellationToken).ConfigureAwait(false);
        }

        return batches.Length == 1 ? batches[0] : RecordBatchRows.Concat(batches);
    }

    /// <summary>The rows of a partition file of <paramref name="table"/> already read as <paramref name="bytes"/> from <paramref name="key"/>.</summary>
    public async Task<RecordBatch> DecodeAsync(TableSchema table, string key, byte[] bytes, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return await _parquet.ReadAsync(table, stream, $"'{key}'", cancellationToken).ConfigureAwait(false);
    }
}
