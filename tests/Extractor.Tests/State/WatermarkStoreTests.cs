using System.Text;

namespace StockLakehouse.Extractor.Tests.State;

public sealed class WatermarkStoreTests : IDisposable
{
    private readonly TempLake _lake = new();

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task A_watermark_only_moves_forward()
    {
        var store = new WatermarkStore(_lake.Store);

        Assert.True(await store.AdvanceAsync(new Watermark("yahoo", "chart", "BRK-B", new DateOnly(2025, 1, 8), "raw/a.json"), default));
        Assert.False(await store.AdvanceAsync(new Watermark("yahoo", "chart", "BRK-B", new DateOnly(2025, 1, 7), "raw/b.json"), default));
        Assert.True(await store.AdvanceAsync(new Watermark("yahoo", "chart", "BRK-B", new DateOnly(2025, 1, 10), "raw/c.json"), default));

        var read = await store.ReadAsync("yahoo", "chart", "BRK-B", default);
        Assert.Equal(new DateOnly(2025, 1, 10), read!.Through);
        Assert.Equal("raw/c.json", read.ObjectKey);
        Assert.Null(await store.ReadAsync("yahoo", "chart", "AAPL", default));
    }

    [Fact]
    public async Task A_writer_that_read_an_older_watermark_does_not_move_a_newer_one_backwards()
    {
        var key = WatermarkStore.KeyFor("yahoo", "chart", "AAPL");
        var store = new WatermarkStore(_lake.Store);
        await store.AdvanceAsync(new Watermark("yahoo", "chart", "AAPL", new DateOnly(2025, 1, 2), "raw/a.json"), default);
        // Another process advances to 01-09 right after this writer has read 01-02.
        var theirs = new Watermark("yahoo", "chart", "AAPL", new DateOnly(2025, 1, 9), "raw/theirs.json");
        var racing = new WatermarkStore(new WriteAfterRead(_lake.Store, key, () => _lake.Store.PutAsync(key, theirs.ToJson(), default)));

        Assert.False(await racing.AdvanceAsync(new Watermark("yahoo", "chart", "AAPL", new DateOnly(2025, 1, 5), "raw/ours.json"), default));

        var read = await store.ReadAsync("yahoo", "chart", "AAPL", default);
        Assert.Equal(new DateOnly(2025, 1, 9), read!.Through);
        Assert.Equal("raw/theirs.json", read.ObjectKey);
    }

    [Fact]
    public async Task A_writer_that_lost_a_race_to_an_older_watermark_reads_again_and_advances()
    {
        var key = WatermarkStore.KeyFor("yahoo", "chart", "AAPL");
        await new WatermarkStore(_lake.Store).AdvanceAsync(new Watermark("yahoo", "chart", "AAPL", new DateOnly(2025, 1, 2), "raw/a.json"), default);
        var theirs = new Watermark("yahoo", "chart", "AAPL", new DateOnly(2025, 1, 3), "raw/theirs.json");
        var racing = new WatermarkStore(new WriteAfterRead(_lake.Store, key, () => _lake.Store.PutAsync(key, theirs.ToJson(), default)));

        Assert.True(await racing.AdvanceAsync(new Watermark("yahoo", "chart", "AAPL", new DateOnly(2025, 1, 5), "raw/ours.json"), default));

        Assert.Equal(new DateOnly(2025, 1, 5), (await new WatermarkStore(_lake.Store).ReadAsync("yahoo", "chart", "AAPL", default))!.Through);
    }

    [Fact]
    public async Task Watermarks_live_under_state_per_source_dataset_and_escaped_symbol()
    {
        await new WatermarkStore(_lake.Store).AdvanceAsync(new Watermark("yahoo", "chart", "EURUSD=X", new DateOnly(2025, 1, 8), "raw/a.json"), default);

        var key = Assert.Single(await _lake.KeysAsync("_state/"));
        Assert.Equal("_state/watermarks/source=yahoo/dataset=chart/EURUSD%3DX.json", key);
        Assert.Contains("\"through\": \"2025-01-08\"", Encoding.UTF8.GetString((await _lake.Store.ReadAsync(key, default))!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_watermark_is_reported_with_its_key()
    {
        await _lake.Store.PutAsync(WatermarkStore.KeyFor("yahoo", "chart", "AAPL"), "{not json"u8.ToArray(), default);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new WatermarkStore(_lake.Store).ReadAsync("yahoo", "chart", "AAPL", default));
        Assert.Contains("AAPL.json", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The local store, except that right after the first versioned read of one key another writer writes it.</summary>
    private sealed class WriteAfterRead(LocalDirectoryObjectStore inner, string key, Func<Task> otherWriter) : DelegatingObjectStore(inner)
    {
        private bool _raced;

        public override async Task<VersionedObject?> ReadVersionedAsync(string readKey, CancellationToken cancellationToken)
        {
            var read = await base.ReadVersionedAsync(readKey, cancellationToken);
            if (readKey == key && !_raced)
            {
                _raced = true;
                await otherWriter();
            }

            return read;
        }
    }
}
