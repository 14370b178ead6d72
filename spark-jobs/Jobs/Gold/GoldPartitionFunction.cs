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

    public static GoldPartition Compute(DailyBarSeries bars, IReadOnlyList<CompanyVersion> versions) => Compute(bars, versions, null);

    /// <summary>
    /// The symbol's gold rows, and with <paramref name="checkpointAt"/> the indicators' state after that many bars
    /// (<see cref="GoldPartition.Checkpoint"/>; null when it is outside <see cref="IndicatorCheckpoint.Window"/> .. the
    /// bar count), from which <see cref="Resume"/> computes the later bars alone.
    /// </summary>
    public static GoldPartition Compute(DailyBarSeries bars, IReadOnlyList<CompanyVersion> versions, int? checkpointAt)
    {
        var fact = FactStockPriceFunction.Compute(bars, versions);
        var adjusted = fact.Get<DoubleColumn>("adj_close").Values;
        var (open, high, low) = AdjustedRanges(bars, adjusted);
        var indicators = TechnicalIndicatorFunction.Compute(
            bars.Symbol.Value,
            bars.TradeDate,
            fact.Get<Int64Column>("date_key").Values,
            fact.Get<Int64Column>("company_key").Values,
            open,
            high,
            low,
            adjusted,
            checkpointAt,
            out var checkpoint);
        return new GoldPartition(fact, indicators) { Checkpoint = checkpoint };
    }

    /// <summary>
    /// The gold rows of <paramref name="bars"/>, the bars after a checkpoint, bit for bit those one computation over the
    /// symbol's whole history gives them, provided the dividends and splits among them are those the history had when the
    /// checkpoint was taken: they decide the adjusted closes before them, which the checkpoint holds as they were then.
    /// The bars' own adjusted closes depend only on the bars from them on (the adjustment runs backwards from the last).
    /// </summary>
    public static GoldPartition Resume(DailyBarSeries bars, IReadOnlyList<CompanyVersion> versions, IndicatorCheckpoint from)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(from);
        var fact = FactStockPriceFunction.Compute(bars, versions, from.Closes[^1]);
        var adjusted = fact.Get<DoubleColumn>("adj_close").Values;
        var (open, high, low) = AdjustedRanges(bars, adjusted);
        var indicators = TechnicalIndicatorFunction.Resume(
            from,
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

    /// <summary>Open, high and low scaled by adj_close / close.</summary>
    private static (double[] Open, double[] High, double[] Low) AdjustedRanges(DailyBarSeries bars, double[] adjusted)
    {
        var n = bars.Count;
        double[] open = new double[n], high = new double[n], low = new double[n];
        for (var i = 0; i < n; i++)
        {
            var scale = adjusted[i] / bars.Close[i];
            open[i] = bars.Open[i] * scale;
            high[i] = bars.High[i] * scale;
            low[i] = bars.Low[i] * scale;
        }

        return (open, high, low);
    }
}
