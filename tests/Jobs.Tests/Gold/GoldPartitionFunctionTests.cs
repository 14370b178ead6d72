using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Tables;
using StockLakehouse.Jobs.Gold;
using StockLakehouse.Jobs.Silver;

namespace StockLakehouse.Jobs.Tests.Gold;

/// <summary>Gold's indicators are computed on adjusted prices: a split in the as-traded bars leaves no trace in them.</summary>
public sealed class GoldPartitionFunctionTests
{
    private const int Bars = 60;
    private const int SplitBar = 30;

    /// <summary>
    /// A stock trading at open 99, high 102, low 98, close 100 until a 2:1 split on bar 30, then at 49.5, 51, 49, 50:
    /// adjusted, every bar is 49.5 / 51 / 49 / 50, so every indicator is flat; as traded, the halving is a crash.
    /// </summary>
    private static DailyBarSeries SplitSeries()
    {
        var dates = Enumerable.Range(0, Bars).Select(i => new DateOnly(2024, 1, 1).AddDays(i)).ToArray();
        double Before(int i, double before, double after) => i < SplitBar ? before : after;
        return new DailyBarSeries(
            Symbol.Parse("SPLT"),
            dates,
            Enumerable.Range(0, Bars).Select(i => Before(i, 99, 49.5)).ToArray(),
            Enumerable.Range(0, Bars).Select(i => Before(i, 102, 51)).ToArray(),
            Enumerable.Range(0, Bars).Select(i => Before(i, 98, 49)).ToArray(),
            Enumerable.Range(0, Bars).Select(i => Before(i, 100, 50)).ToArray(),
            Enumerable.Range(0, Bars).Select(i => Before(i, 100, 50)).ToArray(),
            Enumerable.Repeat(1_000L, Bars).ToArray(),
            new double[Bars],
            Enumerable.Range(0, Bars).Select(i => i == SplitBar ? 2.0 : 1.0).ToArray(),
            Enumerable.Repeat("USD", Bars).ToArray(),
            Enumerable.Repeat("yahoo", Bars).ToArray(),
            Enumerable.Repeat(new DateOnly(2024, 3, 1), Bars).ToArray(),
            Enumerable.Repeat("raw/x.json", Bars).ToArray());
    }

    private static IReadOnlyList<double> Valid(RecordBatch batch, string column)
    {
        var values = batch.Get<DoubleColumn>(column);
        return Enumerable.Range(0, batch.RowCount).Where(i => !values.IsNull(i)).Select(i => values.Values[i]).ToArray();
    }

    [Fact]
    public void Compute_ASplit_LeavesNoJumpInTheIndicators()
    {
        var bars = SplitSeries();
        var versions = new[] { new CompanyVersion(1, bars.Symbol, "Split Co", 2, null, null, "USD", null, null, null, DimCompanyBuilder.Beginning, DimCompanyBuilder.OpenEnd, true) };

        var gold = GoldPartitionFunction.Compute(bars, versions);

        Assert.All(Valid(gold.Facts, "adj_close"), v => Assert.Equal(50, v, 1e-12));
        Assert.Equal(Bars - 19, Valid(gold.Indicators, "sma_20").Count);
        Assert.All(Valid(gold.Indicators, "sma_20"), v => Assert.Equal(50, v, 1e-12));
        Assert.All(Valid(gold.Indicators, "bb_upper"), v => Assert.Equal(50, v, 1e-9));
        // True range is high − low = 2 on every adjusted bar; as traded, the split bar's would be 100 − 49 = 51.
        Assert.NotEmpty(Valid(gold.Indicators, "atr_14"));
        Assert.All(Valid(gold.Indicators, "atr_14"), v => Assert.Equal(2, v, 1e-12));
        Assert.All(Valid(gold.Indicators, "volatility_20d"), v => Assert.Equal(0, v, 1e-12));
    }
}
