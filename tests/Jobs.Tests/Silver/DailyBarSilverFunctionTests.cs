using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Domain;
using StockLakehouse.Jobs.Silver;
using StockLakehouse.Jobs.Tests.Support;

namespace StockLakehouse.Jobs.Tests.Silver;

public sealed class DailyBarSilverFunctionTests
{
    private static readonly DateOnly From = new(2020, 8, 26);
    private static readonly DateOnly To = new(2020, 9, 4);
    private static readonly Symbol Xmpl = Symbol.Parse("XMPL");
    private readonly DailyBarSilverFunction _function = new(NyseCalendar.Instance);

    private SilverResult ProcessFixture(DateOnly? to = null) =>
        _function.Process(Xmpl, [Some.RawObject("XMPL", FixtureFiles.Bytes("yahoo/chart-split-dividend-defects.json"), From, to ?? To, To)]);

    [Fact]
    public void Process_FixtureWithSplit_RecoversAsTradedPricesAndVolumes()
    {
        var bars = ProcessFixture().Bars;

        Assert.Equal([500.0, 504.0, 500.0, 128.0, 132.0, 120.0, 120.8], bars.Close);
        Assert.Equal([498.0, 501.0, 503.0, 127.0, 129.0, 128.0, 121.0], bars.Open);
        Assert.Equal([10_000_000L, 12_000_000, 11_000_000, 40_000_000, 42_000_000, 60_000_000, 55_000_000], bars.Volume);
    }

    [Fact]
    public void Process_FixtureWithEvents_PutsDividendAsTradedAndSplitRatioOnTheirDates()
    {
        var bars = ProcessFixture().Bars;
        var dividendDay = Array.IndexOf(bars.TradeDate, new DateOnly(2020, 8, 28));
        var splitDay = Array.IndexOf(bars.TradeDate, new DateOnly(2020, 8, 31));

        Assert.Equal(0.82, bars.Dividend[dividendDay], 9);
        Assert.Equal(4.0, bars.SplitRatio[splitDay]);
        Assert.Equal(1, bars.Dividend.Count(d => d > 0));
        Assert.Equal(1, bars.SplitRatio.Count(r => r != 1.0));
    }

    [Fact]
    public void Process_FixtureAdjclose_IsKeptAsTheSourceGaveIt()
    {
        var bars = ProcessFixture().Bars;

        Assert.Equal(125.0 * (1 - (0.205 / 126.0)), bars.AdjClose[0], 9);
        Assert.Equal(128.0, bars.AdjClose[3], 9);
    }

    [Fact]
    public void Process_NullClose_IsQuarantinedWithItsIndexAndDate()
    {
        var result = ProcessFixture();

        var reject = Assert.Single(result.Rejects, r => r.Reason == RejectReason.NullPrice);
        Assert.Equal(5, reject.Index);
        Assert.Equal(new DateOnly(2020, 9, 2), reject.TradeDate);
        Assert.Contains("close", reject.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(new DateOnly(2020, 9, 2), result.Bars.TradeDate);
    }

    [Fact]
    public void Process_DuplicatedTrailingBar_KeepsTheSessionBarAndQuarantinesTheSnapshot()
    {
        var result = ProcessFixture();

        var reject = Assert.Single(result.Rejects, r => r.Reason == RejectReason.DuplicateBar);
        Assert.Equal(8, reject.Index);
        Assert.Equal(To, reject.TradeDate);
        Assert.Equal(120.8, result.Bars.Close[^1]);
        Assert.Equal(To, result.Bars.TradeDate[^1]);
        Assert.Equal(9, result.InputBars);
        Assert.Equal(result.InputBars, result.Bars.Count + result.Rejects.Count(r => r.Index is not null));
    }

    [Fact]
    public void Process_BarsAfterTheRequestedEnd_AreQuarantined()
    {
        var result = ProcessFixture(to: new DateOnly(2020, 9, 3));

        Assert.Equal(2, result.Rejects.Count(r => r.Reason == RejectReason.AfterRequestedEnd));
        Assert.Equal(new DateOnly(2020, 9, 3), result.Bars.TradeDate[^1]);
    }

    [Fact]
    public void Process_PayloadForAnotherSymbol_IsRejectedWhole()
    {
        var result = _function.Process(Symbol.Parse("OTHER"), [Some.RawObject("OTHER", FixtureFiles.Bytes("yahoo/chart-split-dividend-defects.json"), From, To, To)]);

        Assert.Equal(0, result.Bars.Count);
        var reject = Assert.Single(result.Rejects);
        Assert.Equal(RejectReason.SymbolMismatch, reject.Reason);
        Assert.Null(reject.Index);
    }

    [Fact]
    public void Process_ErrorAndTruncatedBodies_AreQuarantinedNotThrown()
    {
        var result = _function.Process(Xmpl,
        [
            Some.RawObject("XMPL", FixtureFiles.Bytes("yahoo/chart-not-found.json"), From, To, To, "raw/a/ingest_date=2020-09-04/XMPL-a.json"),
            Some.RawObject("XMPL", FixtureFiles.Bytes("yahoo/chart-truncated.json"), From, To, To, "raw/a/ingest_date=2020-09-04/XMPL-b.json"),
            Some.RawObject("XMPL", FixtureFiles.Bytes("yahoo/rate-limited.html"), From, To, To, "raw/a/ingest_date=2020-09-04/XMPL-c.json"),
        ]);

        Assert.Equal(0, result.Bars.Count);
        Assert.Equal(["source_error", "malformed_json", "not_json"], result.Rejects.Select(r => r.Reason));
    }

    [Fact]
    public void Process_MissingMetadata_IsQuarantined()
    {
        var raw = Some.RawObject("XMPL", FixtureFiles.Bytes("yahoo/chart-split-dividend-defects.json"), From, To, To) with { Metadata = null };

        var result = _function.Process(Xmpl, [raw]);

        Assert.Equal(RejectReason.MissingMetadata, Assert.Single(result.Rejects).Reason);
    }

    [Fact]
    public void Process_SameDateInTwoIngests_KeepsTheLatestIngest()
    {
        var day = new DateOnly(2024, 3, 5);
        var early = Some.Chart("ABC", [(Some.SessionOpen(day), 10, 11, 9, 10.5, 100)]);
        var corrected = Some.Chart("ABC", [(Some.SessionOpen(day), 10, 11, 9, 10.25, 120)]);

        var result = _function.Process(Symbol.Parse("ABC"),
        [
            Some.RawObject("ABC", corrected, day, day, day.AddDays(2)),
            Some.RawObject("ABC", early, day, day, day),
        ]);

        Assert.Equal([10.25], result.Bars.Close);
        Assert.Equal([120L], result.Bars.Volume);
        Assert.Equal(day.AddDays(2), result.Bars.IngestDate[0]);
        Assert.Equal(1, result.SupersededBars);
    }

    [Fact]
    public void Process_SameDateTwiceOnOneIngestDate_KeepsTheLaterFetchWhateverTheKeysSay()
    {
        var day = new DateOnly(2024, 3, 5);
        var first = Some.Chart("ABC", [(Some.SessionOpen(day), 10, 11, 9, 10.5, 100)]);
        var corrected = Some.Chart("ABC", [(Some.SessionOpen(day), 10, 11, 9, 10.25, 120)]);
        RawChartObject Fetched(byte[] body, string requestId, int minute) =>
            Some.RawObject("ABC", body, day, day, day, $"raw/source=yahoo/dataset=chart/ingest_date={day:yyyy-MM-dd}/ABC-{requestId}.json") with
            {
                Metadata = Some.Metadata("ABC", day, day) with { FetchedAt = new DateTimeOffset(2024, 3, 5, 22, minute, 0, TimeSpan.Zero) },
            };

        // The corrected answer was fetched later but its request id sorts first.
        var result = _function.Process(Symbol.Parse("ABC"), [Fetched(corrected, "000000000000", 30), Fetched(first, "ffffffffffff", 10)]);

        Assert.Equal([10.25], result.Bars.Close);
        Assert.Equal(1, result.SupersededBars);
    }

    [Fact]
    public void Process_BarOnAHoliday_IsQuarantinedAsNotATradingDay()
    {
        var holiday = new DateOnly(2025, 1, 9);
        var timestamp = new DateTimeOffset(2025, 1, 9, 14, 30, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var body = Some.Chart("ABC", [(timestamp, 10, 11, 9, 10.5, 100)]);

        var result = _function.Process(Symbol.Parse("ABC"), [Some.RawObject("ABC", body, holiday, holiday, holiday)]);

        Assert.Equal(RejectReason.NotTradingDay, Assert.Single(result.Rejects).Reason);
    }

    [Theory]
    [InlineData(10, 9, 9.5, 10.5, RejectReason.OhlcInconsistent)]
    [InlineData(10, 11, 10.2, 10.5, RejectReason.OhlcInconsistent)]
    [InlineData(0, 11, 0, 10.5, RejectReason.NonPositivePrice)]
    public void Process_InconsistentPrices_AreQuarantined(double open, double high, double low, double close, string reason)
    {
        var day = new DateOnly(2024, 3, 5);
        var body = Some.Chart("ABC", [(Some.SessionOpen(day), open, high, low, close, 100)]);

        var result = _function.Process(Symbol.Parse("ABC"), [Some.RawObject("ABC", body, day, day, day)]);

        Assert.Equal(reason, Assert.Single(result.Rejects).Reason);
        Assert.Equal(0, result.Bars.Count);
    }
}
