using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Parquet;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;

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

    public void Dispose() => _folder.Dispose();

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
    public async Task ReplaceAsync_WriterDiesMidFile_LeavesTheOldVersionWholeAndVisible()
    {
        await _partitions.ReplaceAsync(_table, null, Exchanges("XNYS", "XNAS"), default);
        var key = LakeLayout.Partition(_table, null);
        // The new version is written where the store says to stage it; here that place cannot hold a file, so the
        // Parquet writer fails part-way, as a crashed or killed writer would.
        var failing = new PartitionStore(new FailingStore(_store, failStaging: true), _parquet);

        await Assert.ThrowsAnyAsync<Exception>(() => failing.ReplaceAsync(_table, null, Exchanges("XASE"), default));

        var read = await _partitions.ReadAsync(_table, null, default);
        Assert.Equal(["XNYS", "XNAS"], read!.Get<StringColumn>("mic").Values.Select(v => v!));
        Assert.Equal([key], await KeysAsync("gold/"));
    }

    [Fact]
    public async Task ReplaceAsync_CrashBeforePublishing_LeavesTheOldVersionAndNoStagedFile()
    {
        await _partitions.ReplaceAsync(_table, null, Exchanges("XNYS", "XNAS"), default);
        var failing = new PartitionStore(new FailingStore(_store, failStaging: false), _parquet);

        await Assert.ThrowsAsync<IOException>(() => failing.ReplaceAsync(_table, null, Exchanges("XASE"), default));

        var read = await _partitions.ReadAsync(_table, null, default);
        Assert.Equal(["XNYS", "XNAS"], read!.Get<StringColumn>("mic").Values.Select(v => v!));
        Assert.Empty(Directory.EnumerateFiles(_folder.Path, ObjectKey.StagingPrefix + "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ReplaceAllAsync_PublishesEveryPartitionAndLeavesNoStagedFile()
    {
        var copy = _table with { Name = "dim_exchange_copy" };
        var keys = await _partitions.ReplaceAllAsync([(_table, null, Exchanges("XNYS")), (copy, null, Exchanges("XNAS", "XASE"))], default);

        Assert.Equal([LakeLayout.Partition(_table, null), LakeLayout.Partition(copy, null)], keys);
        Assert.Equal(["XNYS"], (await _partitions.ReadAsync(_table, null, default))!.Get<StringColumn>("mic").Values.Select(v => v!));
        Assert.Equal(["XNAS", "XASE"], (await _partitions.ReadAsync(copy, null, default))!.Get<StringColumn>("mic").Values.Select(v => v!));
        Assert.Empty(Directory.EnumerateFiles(_folder.Path, ObjectKey.StagingPrefix + "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ReplaceAllAsync_OneBatchFailsToEncode_PublishesNoneOfThem()
    {
        var dates = SchemaCatalog.LoadDefault()["dim_date"];
        await _partitions.ReplaceAsync(_table, null, Exchanges("XNYS"), default);
        var bad = new RecordBatch([new StringColumn("mic", ["XNAS"])]);

        await Assert.ThrowsAsync<SchemaMismatchException>(() => _partitions.ReplaceAllAsync([(_table, null, Exchanges("XASE")), (dates, null, bad)], default));

        Assert.Equal(["XNYS"], (await _partitions.ReadAsync(_table, null, default))!.Get<StringColumn>("mic").Values.Select(v => v!));
        Assert.Null(await _partitions.ReadAsync(dates, null, default));
        Assert.Empty(Directory.EnumerateFiles(_folder.Path, ObjectKey.StagingPrefix + "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ReplaceAllAsync_PublishingFails_LeavesTheOldVersionsAndNoStagedFile()
    {
        var copy = _table with { Name = "dim_exchange_copy" };
        await _partitions.ReplaceAsync(_table, null, Exchanges("XNYS", "XNAS"), default);
        var failing = new PartitionStore(new FailingStore(_store, failStaging: false), _parquet);

        await Assert.ThrowsAsync<IOException>(() => failing.ReplaceAllAsync([(_table, null, Exchanges("XASE")), (copy, null, Exchanges("ARCX"))], default));

        Assert.Equal(["XNYS", "XNAS"], (await _partitions.ReadAsync(_table, null, default))!.Get<StringColumn>("mic").Values.Select(v => v!));
        Assert.Null(await _partitions.ReadAsync(copy, null, default));
        Assert.Empty(Directory.EnumerateFiles(_folder.Path, ObjectKey.StagingPrefix + "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task SweepStagingFiles_RemovesWhatAKilledWriterLeftBehind()
    {
        await _partitions.ReplaceAsync(_table, null, Exchanges("XNYS", "XNAS"), default);
        var key = LakeLayout.Partition(_table, null);
        // A process killed mid-write leaves its staging file: half a Parquet file that was never published.
        var whole = await File.ReadAllBytesAsync(_store.LocalPath(key)!);
        await File.WriteAllBytesAsync(_store.StagingPath(key), whole.AsSpan(0, whole.Length / 2).ToArray());

        Assert.Equal([key], await KeysAsync("gold/"));
        Assert.Equal(1, _store.SweepStagingFiles(TimeSpan.Zero, DateTimeOffset.UtcNow.AddSeconds(1)));
    }

    [Fact]
    public async Task ReadAsync_StoreWithoutLocalFiles_ReadsThePartitionFromItsBytes()
    {
        await _partitions.ReplaceAsync(_table, null, Exchanges("XNYS", "XNAS", "XASE"), default);
        var remote = new PartitionStore(new BytesOnlyStore(_store), _parquet);

        var read = await remote.ReadAsync(_table, null, default);
        var missing = await remote.ReadAsync(SchemaCatalog.LoadDefault()["fact_stock_price"], "AAPL", default);

        Assert.Equal(["XNYS", "XNAS", "XASE"], read!.Get<StringColumn>("mic").Values.Select(v => v!));
        Assert.Null(missing);
    }

    /// <summary>The local store seen as an object store without local files (as GCS is): partitions come as bytes.</summary>
    private sealed class BytesOnlyStore(LocalDirectoryObjectStore inner) : DelegatingObjectStore(inner)
    {
        public override string? LocalPath(string key) => null;
    }

    private async Task<List<string>> KeysAsync(string prefix)
    {
        var listed = new List<string>();
        await foreach (var o in _store.ListAsync(prefix, default))
        {
            listed.Add(o.Key);
        }

        return listed;
    }

    /// <summary>
    /// The local store, except that staging goes to a path that cannot be written (a folder stands where the file
    /// would go) or publishing fails.
    /// </summary>
    private sealed class FailingStore(LocalDirectoryObjectStore inner, bool failStaging) : DelegatingObjectStore(inner)
    {
        public override string StagingPath(string key)
        {
            var path = base.StagingPath(key);
            if (failStaging)
            {
                Directory.CreateDirectory(path);
            }

            return path;
        }

        public override Task PublishFileAsync(string key, string stagedPath, CancellationToken cancellationToken) =>
            failStaging ? base.PublishFileAsync(key, stagedPath, cancellationToken) : throw new IOException("The disk went away before the new version was published.");
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
