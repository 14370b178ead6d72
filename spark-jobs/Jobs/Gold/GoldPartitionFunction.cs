using StockLakehouse.Core.Tables;
using StockLakehouse.Jobs.Indicators;
using StockLakehouse.Jobs.Silver;

namespace StockLakehouse.Jobs.Gold;

/// <summary>
/// Everything gold computes for one symbol from its silver bars: the fact_stock_price rows and the
/// fact_technical_indicator rows. Indicators are computed on adjusted prices: open, high, low and close
/// scaled by adj_close / close, so splits and dividends do not show up as jumps.
/// </summary>
public static class GoldPartitionFunction
{
    public static GoldPartition Compute(DailyBarSeries bars, IReadOnlyList<CompanyVersion> versions)
    {
        var fact = FactStockPriceFunction.Compute(bars, versions);
        var n = bars.Count;
        var adjusted = fact.Get<DoubleColumn>("adj_close").Values;
        double[] open = new double[n], high = new double[n], low = new double[n];
        for (var i = 0; i < n; i++)
        {
            var scale = adjusted[i] / bars.Close[i];
            open[i] = bars.Open[i] * scale;
            high[i] = bars.High[i] * scale;
            low[i] = bars.Low[i] * scale;
        }

        var indicators = TechnicalIndicatorFunction.Compute(
            bars.Symbol.Value,
            bars.TradeDate,
            fact.Get<Int64Column>("date_key").Values,
            fact.Get<Int64Column>("company_key").Values,
            open,
            high,
            low,
            adjusted);
        return new GoldPartition(fact, indicators);
    }
}
