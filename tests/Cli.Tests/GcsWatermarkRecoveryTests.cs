using StockLakehouse.Cloud.Gcs;
using StockLakehouse.Cloud.Tests.Gcs;
using StockLakehouse.Core.Domain;
using StockLakehouse.Extractor.Catalog;
using StockLakehouse.Extractor.Jobs;
using StockLakehouse.Extractor.Sources;
using StockLakehouse.Extractor.State;
using StockLakehouse.Extractor.Tests.Support;
using StockLakehouse.TestSupport.Lake;

namespace StockLakehouse.Cli.Tests;

/// <summary>
/// The extractor's recovery of a lost watermark in a bucket lake, as the Cloud Run job runs it: <see cref="GcsObjectStore"/>
/// against the Cloud Storage emulator names the raw folders with a delimiter listing, and the recovery lists only the
/// folders from the watermark's ingest date on, never the whole dataset.
/// </summary>
public sealed class GcsWatermarkRecoveryTests : IClassFixture<GcsEmulatorFixture>, IDisposable
{
    private readonly TempFolder _staging = new();
    private readonly GcsObjectStore _bucket;

    public GcsWatermarkRecoveryTests(GcsEmulatorFixture emulator)
    {
        _bucket = emulator.Store("recovery", _staging.Path, listPageSize: 5);
    }

    public void Dispose() => _staging.Dispose();

    private static DateOnly D(int month, int day) => new(2025, month, day);

    private async Task LandAsync(DateOnly from, DateOnly to, params string[] symbols) =>
        await new ExtractJob(new FixtureCharts(), _bucket).RunAsync(new ExtractRequest(symbols.Select(Symbol.Parse).ToArray(), from, to, to, 1), null, default);

    [Fact]
    public async Task A_lost_watermark_in_a_bucket_is_recovered_from_the_folders_since_the_oldest_watermark()
    {
        // Four ingest dates, more folders than a listing page holds objects; the run of 2025-01-08 landed both symbols
        // and was killed before AAPL's watermark moved past 2025-01-03's object.
        await LandAsync(D(1, 2), D(1, 2), "AAPL", "MSFT");
        await LandAsync(D(1, 3), D(1, 3), "AAPL", "MSFT");
        var kept = await new WatermarkStore(_bucket).ReadAsync("yahoo", "chart", "AAPL", default);
        await LandAsync(D(1, 6), D(1, 7), "AAPL", "MSFT");
        await LandAsync(D(1, 8), D(1, 8), "AAPL", "MSFT");
        await _bucket.DeleteAsync(WatermarkStore.KeyFor("yahoo", "chart", "AAPL"), default);
        await new WatermarkStore(_bucket).AdvanceAsync(kept!, default);
        var recording = new ListRecordingStore(_bucket);

        var moved = await new WatermarkRecovery(new WatermarkStore(recording)).RecoverAsync(ExtractSource.FromChartSource(new FixtureCharts()), ["AAPL", "MSFT"], default);

        Assert.Equal(
            [
                "raw/source=yahoo/dataset=chart/ingest_date=2025-01-03/",
                "raw/source=yahoo/dataset=chart/ingest_date=2025-01-07/",
                "raw/source=yahoo/dataset=chart/ingest_date=2025-01-08/",
            ],
            recording.RawListed.Order(StringComparer.Ordinal));
        // Each object landed since, read in key order, moves it forward; MSFT's watermark was not lost.
        Assert.Equal([("AAPL", D(1, 7)), ("AAPL", D(1, 8))], moved.Select(w => (w.Symbol, w.Through)));
        Assert.Equal(D(1, 8), (await new WatermarkStore(_bucket).ReadAsync("yahoo", "chart", "AAPL", default))!.Through);
    }

    /// <summary>Yahoo's answer from the fixtures for every symbol and window.</summary>
    private sealed class FixtureCharts : IChartSource
    {
        public string Name => "yahoo";

        public string Dataset => "chart";

        public Task<SourceResponse> FetchAsync(Symbol symbol, DateOnly from, DateOnly toInclusive, CancellationToken cancellationToken) =>
            Task.FromResult(new SourceResponse(200, $"https://example.test/{symbol}", Fixtures.YahooChartFor(symbol.Value), DateTimeOffset.UnixEpoch));
    }
}
