using System.Text;
using StockLakehouse.Extractor.State;
using StockLakehouse.Extractor.Tests.Support;

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
    public async Task Writers_racing_on_one_symbol_leave_the_latest_watermark()
    {
        // Separate stores share nothing in memory, as separate processes would: only the conditional write orders them.
        var dates = Enumerable.Range(0, 24).Select(i => new DateOnly(2025, 1, 1).AddDays((i * 7) % 24)).ToList();

        var moved = await Task.WhenAll(dates.Select(d => Task.Run(() =>
            new WatermarkStore(_lake.Store).AdvanceAsync(new Watermark("yahoo", "chart", "AAPL", d, $"raw/{d:yyyyMMdd}.json"), default))));

        var read = await new WatermarkStore(_lake.Store).ReadAsync("yahoo", "chart", "AAPL", default);
        Assert.Equal(dates.Max(), read!.Through);
        Assert.Equal($"raw/{dates.Max():yyyyMMdd}.json", read.ObjectKey);
        Assert.Contains(true, moved);
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
}
