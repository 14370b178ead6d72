using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;
using StockLakehouse.Jobs.Indicators;

namespace StockLakehouse.Jobs.Tests.Indicators;

public sealed class TechnicalIndicatorFunctionTests
{
    private const long CompanyKey = 42;

    private static RecordBatch Compute(TaLibCase series, int? length = null)
    {
        var n = length ?? series.Close.Length;
        var dates = new DateOnly[n];
        var day = new DateOnly(2018, 1, 2);
        for (var i = 0; i < n; i++)
        {
            while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                day = day.AddDays(1);
            }

            dates[i] = day;
            day = day.AddDays(1);
        }

        return TechnicalIndicatorFunction.Compute(
            "XMPL",
            dates,
            dates.Select(d => (long)DateKey.From(d)).ToArray(),
            Enumerable.Repeat(CompanyKey, n).ToArray(),
            series.Open[..n],
            series.High[..n],
            series.Low[..n],
            series.Close[..n]);
    }

    private static double[] Values(RecordBatch batch, string column)
    {
        var doubles = batch.Get<DoubleColumn>(column);
        return Enumerable.Range(0, batch.RowCount).Select(i => doubles.Get(i) ?? double.NaN).ToArray();
    }

    [Theory]
    [InlineData("random_walk")]
    [InlineData("split_adjusted")]
    [InlineData("flat_run")]
    [InlineData("short_034")]
    public void Compute_MatchesItsSchema(string vectors)
    {
        var batch = Compute(TaLibVectors.Get(vectors));

        SchemaCatalog.LoadDefault()[TechnicalIndicatorFunction.TableName].Verify(batch);
    }

    [Fact]
    public void Schema_DeclaresTheKeyPartitioningAndNullableIndicators()
    {
        var table = SchemaCatalog.LoadDefault()["fact_technical_indicator"];

        Assert.Equal(["symbol", "trade_date"], table.Key);
        Assert.Equal("symbol", table.LakePartition);
        Assert.Equal(new Partitioning("trade_date", "MONTH"), table.Partitioning);
        Assert.All(table.Fields.Take(4), f => Assert.True(f.Required, f.Name));
        Assert.All(table.Fields.Skip(4), f => Assert.False(f.Required, f.Name));
        Assert.All(table.Fields.Skip(4), f => Assert.Contains("NULL inside the lookback", f.Description, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("random_walk")]
    [InlineData("split_adjusted")]
    [InlineData("flat_run")]
    [InlineData("short_201")]
    public void Compute_IndicatorColumns_AreTaLibs(string vectors)
    {
        var series = TaLibVectors.Get(vectors);
        var batch = Compute(series);
        var macd = series.Call("MACD", 12, "optInFastPeriod");
        var bands = series.Call("BBANDS", 20);

        TaLibVectors.AssertMatches(series.Call("SMA", 20).Outputs["outReal"], Values(batch, "sma_20"), "sma_20");
        TaLibVectors.AssertMatches(series.Call("SMA", 50).Outputs["outReal"], Values(batch, "sma_50"), "sma_50");
        TaLibVectors.AssertMatches(series.Call("SMA", 200).Outputs["outReal"], Values(batch, "sma_200"), "sma_200");
        TaLibVectors.AssertMatches(series.Call("EMA", 12).Outputs["outReal"], Values(batch, "ema_12"), "ema_12");
        TaLibVectors.AssertMatches(series.Call("EMA", 26).Outputs["outReal"], Values(batch, "ema_26"), "ema_26");
        TaLibVectors.AssertMatches(macd.Outputs["outMACD"], Values(batch, "macd"), "macd");
        TaLibVectors.AssertMatches(macd.Outputs["outMACDSignal"], Values(batch, "macd_signal"), "macd_signal");
        TaLibVectors.AssertMatches(macd.Outputs["outMACDHist"], Values(batch, "macd_hist"), "macd_hist");
        TaLibVectors.AssertMatches(series.Call("RSI", 14).Outputs["outReal"], Values(batch, "rsi_14"), "rsi_14");
        TaLibVectors.AssertMatches(bands.Outputs["outRealUpperBand"], Values(batch, "bb_upper"), "bb_upper");
        TaLibVectors.AssertMatches(bands.Outputs["outRealMiddleBand"], Values(batch, "bb_middle"), "bb_middle");
        TaLibVectors.AssertMatches(bands.Outputs["outRealLowerBand"], Values(batch, "bb_lower"), "bb_lower");
        TaLibVectors.AssertMatches(series.Call("ATR", 14).Outputs["outReal"], Values(batch, "atr_14"), "atr_14");
    }

    [Fact]
    public void Compute_NullsExactlyTheLookbackOfEachColumn()
    {
        var batch = Compute(TaLibVectors.Get("random_walk"));
        var firstValue = new Dictionary<string, int>
        {
            ["sma_20"] = 19,
            ["sma_50"] = 49,
            ["sma_200"] = 199,
            ["ema_12"] = 11,
            ["ema_26"] = 25,
            ["macd"] = 33,
            ["macd_signal"] = 33,
            ["macd_hist"] = 33,
            ["rsi_14"] = 14,
            ["bb_upper"] = 19,
            ["bb_middle"] = 19,
            ["bb_lower"] = 19,
            ["atr_14"] = 14,
            ["volatility_20d"] = 20,
        };

        foreach (var (column, first) in firstValue)
        {
            var values = batch.Get<DoubleColumn>(column);
            Assert.All(Enumerable.Range(0, first), i => Assert.True(values.IsNull(i), $"{column} row {i}"));
            Assert.All(Enumerable.Range(first, batch.RowCount - first), i => Assert.False(values.IsNull(i), $"{column} row {i}"));
        }

        Assert.Equal(18, batch.Columns.Count);
    }

    [Fact]
    public void Compute_CarriesKeysAndDatesThrough()
    {
        var batch = Compute(TaLibVectors.Get("short_010"));

        Assert.Equal(10, batch.RowCount);
        Assert.All(batch.Get<StringColumn>("symbol").Values, s => Assert.Equal("XMPL", s));
        Assert.All(batch.Get<Int64Column>("company_key").Values, k => Assert.Equal(CompanyKey, k));
        Assert.Equal(20180102L, batch.Get<Int64Column>("date_key").Values[0]);
        Assert.Equal(new DateOnly(2018, 1, 8), batch.Get<DateColumn>("trade_date").Values[4]);
        Assert.All(batch.Columns.Skip(4), c => Assert.All(Enumerable.Range(0, 10), i => Assert.True(c.IsNull(i))));
    }

    [Fact]
    public void Compute_EmptyHistory_GivesAnEmptyBatchThatMatchesTheSchema()
    {
        var batch = TechnicalIndicatorFunction.Compute("XMPL", [], [], [], [], [], [], []);

        Assert.Equal(0, batch.RowCount);
        SchemaCatalog.LoadDefault()["fact_technical_indicator"].Verify(batch);
    }

    [Fact]
    public void Compute_RejectsBadInput()
    {
        DateOnly[] dates = [new(2020, 1, 2), new(2020, 1, 3)];
        long[] keys = [20200102, 20200103];
        long[] companies = [1, 1];
        double[] ok = [10, 11];

        Assert.Throws<ArgumentException>(() => TechnicalIndicatorFunction.Compute("XMPL", dates, keys, companies, ok, ok, ok, [10]));
        Assert.Throws<ArgumentException>(() => TechnicalIndicatorFunction.Compute("XMPL", [dates[1], dates[0]], keys, companies, ok, ok, ok, ok));
        Assert.Throws<ArgumentException>(() => TechnicalIndicatorFunction.Compute("XMPL", dates, keys, companies, ok, ok, ok, [10, double.NaN]));
        Assert.Throws<ArgumentException>(() => TechnicalIndicatorFunction.Compute("XMPL", dates, keys, companies, ok, ok, [0, 11], ok));
    }
}
