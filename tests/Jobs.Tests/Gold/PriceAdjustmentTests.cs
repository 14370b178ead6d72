using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Reference;
using StockLakehouse.Extractor.Sources.Simulated;
using StockLakehouse.Jobs.Gold;
using StockLakehouse.Jobs.Silver;
using StockLakehouse.Jobs.Tests.Support;

namespace StockLakehouse.Jobs.Tests.Gold;

public sealed class PriceAdjustmentTests
{
    private static double[] Adjust(double[] close, double[] dividend, double[] split)
    {
        var adjusted = new double[close.Length];
        PriceAdjustment.AdjustedClose(close, dividend, split, adjusted);
        return adjusted;
    }

    [Fact]
    public void AdjustedClose_NoEvents_EqualsClose()
    {
        double[] close = [10, 11, 12.5];

        Assert.Equal(close, Adjust(close, [0, 0, 0], [1, 1, 1]));
    }

    [Fact]
    public void AdjustedClose_Split_DividesEarlierClosesByTheRatio()
    {
        Assert.Equal([100.0 / 4, 104.0 / 4, 26, 27], Adjust([100, 104, 26, 27], [0, 0, 0, 0], [1, 1, 4, 1]));
    }

    [Fact]
    public void AdjustedClose_ReverseSplit_MultipliesEarlierCloses()
    {
        AssertClose([10.0, 20, 21], Adjust([1, 2, 21], [0, 0, 0], [1, 1, 0.1]));
    }

    [Fact]
    public void AdjustedClose_Dividend_ScalesEarlierClosesByOneMinusDividendOverPreviousClose()
    {
        var adjusted = Adjust([50, 40, 39], [0, 0, 1], [1, 1, 1]);

        var factor = 1 - (1.0 / 40);
        AssertClose([50 * factor, 40 * factor, 39], adjusted);
    }

    [Fact]
    public void AdjustedClose_SplitAndDividendOnTheSameDay_PutsBothOnTheNewBasis()
    {
        // A 2:1 split and a 0.5 dividend (per new share) both effective on bar 2: previous close 100 is 50 on the new basis.
        var adjusted = Adjust([98, 100, 49], [0, 0, 0.5], [1, 1, 2]);

        var factor = 1 - (0.5 / 50);
        AssertClose([98 / 2.0 * factor, 50 * factor, 49], adjusted);
    }

    [Fact]
    public void AdjustedClose_ImpossibleDividend_IsIgnoredSoPricesStayPositive() =>
        AssertClose([10.0, 9], Adjust([10, 9], [0, 12], [1, 1]));

    [Fact]
    public void AdjustedClose_MismatchedLengths_Throw() =>
        Assert.Throws<ArgumentException>(() => PriceAdjustment.AdjustedClose(new double[3], new double[2], new double[3], new double[3]));

    [Fact]
    public void FactAdjClose_FixturePayload_EqualsYahoosAdjclose()
    {
        var from = new DateOnly(2020, 8, 26);
        var to = new DateOnly(2020, 9, 4);
        var bars = new DailyBarSilverFunction(NyseCalendar.Instance)
            .Process(Symbol.Parse("XMPL"), [Some.RawObject("XMPL", FixtureFiles.Bytes("yahoo/chart-split-dividend-defects.json"), from, to, to)]).Bars;

        var fact = FactStockPriceFunction.Compute(bars, Versions("XMPL"));

        var derived = fact.Get<StockLakehouse.Core.Tables.DoubleColumn>("adj_close").Values;
        for (var i = 0; i < bars.Count; i++)
        {
            Assert.Equal(bars.AdjClose[i], derived[i], 9);
        }
    }

    [Fact]
    public async Task FactAdjClose_TenYearsOfSimulatedMarket_MatchesTheSourcesAdjcloseForEverySymbol()
    {
        var reference = ReferenceData.LoadDefault();
        var source = new SimulatedChartSource(11, injectDefects: false, reference, TimeProvider.System);
        var function = new DailyBarSilverFunction(NyseCalendar.Instance);
        DateOnly from = new(2016, 1, 1), to = new(2025, 12, 31);
        var symbolsWithEvents = 0;
        foreach (var company in reference.Companies.Take(40))
        {
            var body = (await source.FetchAsync(company.Symbol, from, to, default)).Body;
            var bars = function.Process(company.Symbol, [Some.RawObject(company.Symbol.Value, body, from, to, to)]).Bars;
            var derived = FactStockPriceFunction.Compute(bars, Versions(company.Symbol.Value)).Get<StockLakehouse.Core.Tables.DoubleColumn>("adj_close").Values;
            symbolsWithEvents += bars.Dividend.Any(d => d > 0) || bars.SplitRatio.Any(r => r != 1) ? 1 : 0;
            for (var i = 0; i < bars.Count; i++)
            {
                // Yahoo's arrays carry float32 precision; agreement is to that precision.
                var tolerance = 2e-6 * Math.Abs(bars.AdjClose[i]);
                Assert.True(Math.Abs(bars.AdjClose[i] - derived[i]) <= tolerance, $"{company.Symbol} {bars.TradeDate[i]}: source {bars.AdjClose[i]}, derived {derived[i]}");
            }
        }

        Assert.True(symbolsWithEvents >= 10, $"Only {symbolsWithEvents} of 40 simulated symbols had a dividend or split; the test would prove little.");
    }

    [Fact]
    public void FactAdjClose_SourceWithoutAdjclose_IsStillDerived()
    {
        var day = new DateOnly(2024, 3, 5);
        var bars = new DailyBarSeries(
            Symbol.Parse("ABC"),
            [day, day.AddDays(1)],
            [10, 10],
            [11, 11],
            [9, 9],
            [10, 12],
            [double.NaN, double.NaN],
            [1, 1],
            [0, 0.6],
            [1, 1],
            ["USD", "USD"],
            ["alphavantage", "alphavantage"],
            [day, day],
            ["k", "k"]);

        var fact = FactStockPriceFunction.Compute(bars, Versions("ABC"));

        var adj = fact.Get<StockLakehouse.Core.Tables.DoubleColumn>("adj_close");
        Assert.False(adj.IsNull(0));
        Assert.Equal(10 * (1 - 0.06), adj.Values[0], 12);
        Assert.Equal(12, adj.Values[1]);
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 12);
        }
    }

    private static CompanyVersion[] Versions(string symbol) =>
        [new(1, Symbol.Parse(symbol), symbol, 2, null, null, "USD", "US", null, null, DimCompanyBuilder.Beginning, DimCompanyBuilder.OpenEnd, true)];
}
