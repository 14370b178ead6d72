using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;
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
    /// <summary>The reject reason of a symbol that has silver bars but no company in dim_company.</summary>
    public const string UnknownCompany = "unknown_company";

    /// <summary>
    /// The reject of a symbol dim_company has no version of (its bars stay in silver and reach gold on the first
    /// run after the company is described), or null when it has one.
    /// </summary>
    public static QuarantineRecord? RejectUnknownCompany(DailyBarSeries bars, IReadOnlyList<CompanyVersion> versions, string silverPartition)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(versions);
        return bars.Count == 0 || versions.Any(v => v.Symbol == bars.Symbol)
            ? null
            : new QuarantineRecord(
                LakeNames.FactStockPrice,
                bars.Symbol.Value,
                silverPartition,
                null,
                null,
                UnknownCompany,
                $"dim_company has no version of {bars.Symbol} ({bars.Count} bars): add it to the company reference file, land a company file with it, or land its Alpha Vantage LISTING_STATUS or OVERVIEW.");
    }

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
