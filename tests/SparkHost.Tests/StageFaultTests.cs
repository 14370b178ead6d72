using System.Text;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.SparkHost.Tests.Support;

namespace StockLakehouse.SparkHost.Tests;

/// <summary>
/// Damaged lake files cost their own symbol's data and never the run: the local runner, which calls the same stages
/// as the Spark host, finishes every other symbol and quarantines the damage naming the file.
/// </summary>
public sealed class StageFaultTests : IDisposable
{
    private static readonly DateOnly End = new(2025, 1, 10);
    private readonly TempLake _lake = new();

    [Theory]
    [InlineData("")]
    [InlineData("{ \"source\": ")]
    [InlineData("garbage")]
    public async Task Silver_UnreadableMetadata_RejectsThatObjectAsInvalidMetadataAndBuildsEveryOtherSymbol(string metadata)
    {
        LandAapl();
        var msft = LandMsft();
        await _lake.Store.PutAsync(LakeLayout.RawMetadata(msft), Encoding.UTF8.GetBytes(metadata), CancellationToken.None);

        var report = await _lake.RunLocalSilverAsync(Symbol.Parse("AAPL"), Symbol.Parse("MSFT"));

        Assert.Equal(6, _lake.ReadPartition("daily_bar", "AAPL")?.RowCount);
        Assert.Equal(0, _lake.ReadPartition("daily_bar", "MSFT")?.RowCount);
        Assert.Equal(1, report.RejectsByReason["invalid_metadata"]);
        var quarantine = _lake.Quarantine("silver", "daily_bar");
        Assert.Contains($"\"raw_object\":\"{msft}\",\"index\":null,\"trade_date\":null,\"reason\":\"invalid_metadata\"", quarantine, StringComparison.Ordinal);
        Assert.Contains(LakeLayout.RawMetadata(msft), quarantine, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Silver_BodyThatDoesNotMatchItsMetadata_RejectsThatObjectAsBodyMismatch(bool sameSize)
    {
        LandAapl();
        var msft = LandMsft();
        var body = Encoding.UTF8.GetString((await _lake.Store.ReadAsync(msft, CancellationToken.None))!);
        // Same size: one price digit changed; otherwise the body lost its last bytes.
        var altered = sameSize ? body.Replace("243.36", "943.36", StringComparison.Ordinal) : body[..^10];
        Assert.NotEqual(body, altered);
        await _lake.Store.PutAsync(msft, Encoding.UTF8.GetBytes(altered), CancellationToken.None);

        var report = await _lake.RunLocalSilverAsync(Symbol.Parse("AAPL"), Symbol.Parse("MSFT"));

        Assert.Equal(6, _lake.ReadPartition("daily_bar", "AAPL")?.RowCount);
        Assert.Equal(0, _lake.ReadPartition("daily_bar", "MSFT")?.RowCount);
        Assert.Equal(1, report.RejectsByReason["body_mismatch"]);
        Assert.Contains($"\"raw_object\":\"{msft}\",\"index\":null,\"trade_date\":null,\"reason\":\"body_mismatch\"", _lake.Quarantine("silver", "daily_bar"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gold_UnreadableSilverPartitionWithoutRaw_RejectsThatSymbolAndBuildsEveryOther()
    {
        LandAapl();
        await _lake.RunLocalSilverAsync(Symbol.Parse("AAPL"));
        var gone = LakeLayout.Partition(TempLake.Schemas["daily_bar"], "MSFT");
        await _lake.Store.PutAsync(gone, "PAR1 cut short"u8.ToArray(), CancellationToken.None);

        var report = await _lake.RunLocalGoldAsync(End, Symbol.Parse("AAPL"), Symbol.Parse("MSFT"));

        Assert.Equal(6, _lake.ReadPartition("fact_stock_price", "AAPL")?.RowCount);
        Assert.Null(_lake.ReadPartition("fact_stock_price", "MSFT"));
        Assert.Equal(1, report.RejectsByReason["unreadable_partition"]);
        Assert.Contains($"\"symbol\":\"MSFT\",\"raw_object\":\"{gone}\",\"index\":null,\"trade_date\":null,\"reason\":\"unreadable_partition\"", _lake.Quarantine("gold", "fact_stock_price"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gold_UnreadableSilverPartitionWithRaw_RebuildsItAndWritesTheFacts()
    {
        LandAapl();
        LandMsft();
        await _lake.RunLocalSilverAsync(Symbol.Parse("AAPL"), Symbol.Parse("MSFT"));
        var damaged = LakeLayout.Partition(TempLake.Schemas["daily_bar"], "MSFT");
        var intact = (await _lake.Store.ReadAsync(damaged, CancellationToken.None))!;
        await _lake.Store.PutAsync(damaged, intact[..(intact.Length / 2)], CancellationToken.None);

        var report = await _lake.RunLocalGoldAsync(End, Symbol.Parse("AAPL"), Symbol.Parse("MSFT"));

        Assert.Equal(intact, (await _lake.Store.ReadAsync(damaged, CancellationToken.None)));
        Assert.Equal(6, _lake.ReadPartition("fact_stock_price", "MSFT")?.RowCount);
        Assert.Equal(0, report.Rejects);
    }

    public void Dispose() => _lake.Dispose();

    private void LandAapl() =>
        _lake.LandRaw("yahoo", "chart", "AAPL", End, FixtureFiles.Bytes("yahoo-live/chart-aapl-2025-01-02-to-10.json"), new DateOnly(2025, 1, 2), End);

    /// <summary>AAPL's chart relabelled as MSFT's (MSFT is in the reference data, so gold keys its facts).</summary>
    private string LandMsft()
    {
        var body = Encoding.UTF8.GetString(FixtureFiles.Bytes("yahoo-live/chart-aapl-2025-01-02-to-10.json")).Replace("\"AAPL\"", "\"MSFT\"", StringComparison.Ordinal);
        return _lake.LandRaw("yahoo", "chart", "MSFT", End, Encoding.UTF8.GetBytes(body), new DateOnly(2025, 1, 2), End);
    }
}
