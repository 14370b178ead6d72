using StockLakehouse.Extractor.Jobs;
using StockLakehouse.Extractor.Landing;
using StockLakehouse.Extractor.Tests.Landing;

namespace StockLakehouse.Extractor.Tests.State;

/// <summary>
/// The recovery of watermarks a kill lost lists only the ingest-date folders from the oldest watermark's on (a day's
/// recovery does not list the lake's history), and the whole dataset when a symbol has no watermark to start from.
/// </summary>
public sealed class WatermarkRecoveryTests : IDisposable
{
    private readonly TempLake _lake = new();

    public void Dispose() => _lake.Dispose();

    private static DateOnly D(int month, int day) => new(2025, month, day);

    private async Task LandAsync(DateOnly from, DateOnly to, params string[] symbols) =>
        await new ExtractJob(new CountingChartSource(), _lake.Store).RunAsync(new ExtractRequest(symbols.Select(Symbol.Parse).ToArray(), from, to, to, 1), null, default);

    [Fact]
    public async Task A_recovery_lists_the_folders_from_the_oldest_watermark_on_and_moves_the_lost_one()
    {
        var watermarks = new WatermarkStore(_lake.Store);
        await LandAsync(D(1, 2), D(1, 2), "AAPL", "MSFT");
        await LandAsync(D(1, 3), D(1, 3), "AAPL", "MSFT");
        var kept = await watermarks.ReadAsync("yahoo", "chart", "AAPL", default);
        // The run of 2025-01-08 landed both and was killed before AAPL's watermark moved: it still names 01-03's object.
        await LandAsync(D(1, 6), D(1, 8), "AAPL", "MSFT");
        File.Delete(_lake.Store.LocalPath(WatermarkStore.KeyFor("yahoo", "chart", "AAPL"))!);
        await watermarks.AdvanceAsync(kept!, default);
        var recording = new ListRecordingStore(_lake.Store);

        var moved = await new WatermarkRecovery(new WatermarkStore(recording)).RecoverAsync(ExtractSource.FromChartSource(new CountingChartSource()), ["AAPL", "MSFT"], default);

        Assert.Equal(
            ["raw/source=yahoo/dataset=chart/ingest_date=2025-01-03/", "raw/source=yahoo/dataset=chart/ingest_date=2025-01-08/"],
            recording.RawListed.Order(StringComparer.Ordinal));
        Assert.Equal([("AAPL", D(1, 8))], moved.Select(w => (w.Symbol, w.Through)));
    }

    [Fact]
    public async Task A_store_that_names_its_folders_without_tokens_as_a_bucket_does_is_listed_from_the_oldest_watermark_on()
    {
        await LandAsync(D(1, 2), D(1, 2), "AAPL");
        await LandAsync(D(1, 3), D(1, 3), "AAPL");
        var kept = await new WatermarkStore(_lake.Store).ReadAsync("yahoo", "chart", "AAPL", default);
        // A run killed before AAPL's watermark moved past 01-03's object.
        await LandAsync(D(1, 6), D(1, 8), "AAPL");
        File.Delete(_lake.Store.LocalPath(WatermarkStore.KeyFor("yahoo", "chart", "AAPL"))!);
        await new WatermarkStore(_lake.Store).AdvanceAsync(kept!, default);
        var bucket = new ListRecordingStore(new FoldersWithoutTokens(_lake.Store));

        var moved = await new WatermarkRecovery(new WatermarkStore(bucket)).RecoverAsync(ExtractSource.FromChartSource(new CountingChartSource()), ["AAPL"], default);

        Assert.Equal(
            ["raw/source=yahoo/dataset=chart/ingest_date=2025-01-03/", "raw/source=yahoo/dataset=chart/ingest_date=2025-01-08/"],
            bucket.RawListed.Order(StringComparer.Ordinal));
        Assert.Equal([("AAPL", D(1, 8))], moved.Select(w => (w.Symbol, w.Through)));
    }

    [Fact]
    public async Task A_symbol_without_a_watermark_makes_the_recovery_list_the_whole_dataset()
    {
        await LandAsync(D(1, 2), D(1, 2), "AAPL");
        await LandAsync(D(1, 3), D(1, 3), "AAPL", "MSFT");
        File.Delete(_lake.Store.LocalPath(WatermarkStore.KeyFor("yahoo", "chart", "MSFT"))!);
        var recording = new ListRecordingStore(_lake.Store);

        var moved = await new WatermarkRecovery(new WatermarkStore(recording)).RecoverAsync(ExtractSource.FromChartSource(new CountingChartSource()), ["AAPL", "MSFT"], default);

        Assert.Equal(["raw/source=yahoo/dataset=chart/"], recording.RawListed);
        Assert.Equal([("MSFT", D(1, 3))], moved.Select(w => (w.Symbol, w.Through)));
    }

    /// <summary>
    /// A store that names its folders but keeps no change token for them, as a bucket's listing with a delimiter does:
    /// no <see cref="IObjectStore.ListFoldersAsync"/>, while <see cref="IObjectStore.ListFolderPrefixesAsync"/> is passed
    /// to the local store underneath, whose default gives its directories.
    /// </summary>
    private sealed class FoldersWithoutTokens(IObjectStore inner) : DelegatingObjectStore(inner)
    {
        public override Task<IReadOnlyList<FolderInfo>?> ListFoldersAsync(string prefix, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<FolderInfo>?>(null);
    }
}
