using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Parquet;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;
using StockLakehouse.Core.Tests.Support;

namespace StockLakehouse.Core.Tests.Lake;

public sealed class PartitionStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ParquetFiles _parquet = new();
    private readonly LocalDirectoryObjectStore _store;
    private readonly PartitionStore _partitions;
    private readonly TableSchema _table = SchemaCatalog.LoadDefault()["dim_exchange"];

    public PartitionStoreTests()
    {
        _store = new LocalDirectoryObjectStore(_folder.Path);
        _partitions = new PartitionStore(_store, _parquet);
    }

    public void Dispose()
    {
        _parquet.Dispose();
        _folder.Dispose();
    }

    private static RecordBatch Exchanges(params string[] mics) => new(
    [
        new Int64Column("exchange_key", mics.Select((_, i) => (long)i).ToArray()),
        new StringColumn("mic", mics),
        new StringColumn("name", mics.Select(m => (string?)$"Exchange {m}").ToArray()),
        new StringColumn("timezone", mics.Select(_ => (string?)"America/New_York").ToArray()),
        new StringColumn("country", mics.Select(_ => (string?)"US").ToArray()),
        new StringColumn("currency", mics.Select(_ => (string?)"USD").ToArray()),
    ]);

    [Fact]
    public async Task ReplaceAsync_ThenReadAsync_RoundTripsThePartition()
    {
        await _partitions.ReplaceAsync(_table, null, Exchanges("XNYS", "XNAS"), default);

        var read = await _partitions.ReadAsync(_table, null, default);

        Assert.Equal(["XNYS", "XNAS"], read!.Get<StringColumn>("mic").Values.Select(v => v!));
    }

    [Fact]
    public async Task ReplaceAsync_CrashWhileWritingTheNewVersion_LeavesTheOldVersionWholeAndVisible()
    {
        await _partitions.ReplaceAsync(_table, null, Exchanges("XNYS", "XNAS"), default);
        var key = LakeLayout.Partition(_table, null);

        // A writer that dies mid-file leaves only its staging file: half a Parquet file that is never published.
        var staged = _store.StagingPath(key);
        var whole = await File.ReadAllBytesAsync(_store.LocalPath(key)!);
        await File.WriteAllBytesAsync(staged, whole.AsSpan(0, whole.Length / 2).ToArray());

        var read = await _partitions.ReadAsync(_table, null, default);
        Assert.Equal(["XNYS", "XNAS"], read!.Get<StringColumn>("mic").Values.Select(v => v!));
        var listed = new List<string>();
        await foreach (var o in _store.ListAsync("gold/", default))
        {
            listed.Add(o.Key);
        }

        Assert.Equal([key], listed);
        Assert.Equal(1, _store.SweepStagingFiles(TimeSpan.Zero, DateTimeOffset.UtcNow.AddSeconds(1)));
    }

    [Fact]
    public async Task ReplaceAsync_SchemaViolation_FailsBeforeTouchingThePublishedPartition()
    {
        await _partitions.ReplaceAsync(_table, null, Exchanges("XNYS"), default);
        var bad = new RecordBatch([new StringColumn("mic", ["XNAS"])]);

        await Assert.ThrowsAsync<SchemaMismatchException>(() => _partitions.ReplaceAsync(_table, null, bad, default));

        var read = await _partitions.ReadAsync(_table, null, default);
        Assert.Equal(["XNYS"], read!.Get<StringColumn>("mic").Values.Select(v => v!));
        Assert.Empty(Directory.EnumerateFiles(_folder.Path, ObjectKey.StagingPrefix + "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ReplaceAsync_SecondVersion_ReplacesTheFirstCompletely()
    {
        await _partitions.ReplaceAsync(_table, null, Exchanges("XNYS", "XNAS", "ARCX"), default);
        await _partitions.ReplaceAsync(_table, null, Exchanges("XASE"), default);

        var read = await _partitions.ReadAsync(_table, null, default);

        Assert.Equal(["XASE"], read!.Get<StringColumn>("mic").Values.Select(v => v!));
    }
}
