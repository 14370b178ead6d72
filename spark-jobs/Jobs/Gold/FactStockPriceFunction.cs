using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Tables;
using StockLakehouse.Jobs.Silver;

namespace StockLakehouse.Jobs.Gold;

/// <summary>
/// Silver → fact_stock_price for one symbol. Keys are derived, not looked up: date_key from the date,
/// company_key from the company version valid on the date, exchange_key from the MIC. adj_close is derived
/// from the as-traded closes and the symbol's dividends and splits by <see cref="PriceAdjustment"/> over the
/// whole history in the lake, so it is current even when bars came from different ingests and exists when
/// the source gave no adjclose. Returns are total returns from adj_close between consecutive bars of the
/// symbol: return_1d = adj_close / previous − 1, log_return_1d = ln(adj_close / previous); NULL on the first bar, unless the
/// caller passes the adjusted close of the bar before it (the bars after a cut, computed alone).
/// </summary>
public static class FactStockPriceFunction
{
    /// <param name="previousAdjustedClose">The adjusted close of the bar before the first, when the bars continue a
    /// history (its adjusted closes are those of the bars given: no dividend or split among them); null: none.</param>
    public static RecordBatch Compute(DailyBarSeries bars, IReadOnlyList<CompanyVersion> versions, double? previousAdjustedClose = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var own = versions.Where(v => v.Symbol == bars.Symbol).OrderBy(v => v.ValidFrom).ToArray();
        if (own.Length == 0 && bars.Count > 0)
        {
            throw new ArgumentException($"dim_company has no version of {bars.Symbol}; add it to the company reference file.", nameof(versions));
        }

        var n = bars.Count;
        long[] dateKey = new long[n], companyKey = new long[n], exchangeKey = new long[n];
        double[] ret = new double[n], logRet = new double[n], adjusted = new double[n];
        var retValid = new bool[n];
        PriceAdjustment.AdjustedClose(bars.Close, bars.Dividend, bars.SplitRatio, adjusted);
        var symbols = new string?[n];
        var v = 0;
        for (var i = 0; i < n; i++)
        {
            var date = bars.TradeDate[i];
            while (v < own.Length - 1 && own[v].ValidTo < date)
            {
                v++;
            }

            var version = own[v];
            if (!version.IsValidOn(date))
            {
                throw new InvalidOperationException($"No version of {bars.Symbol} in dim_company is valid on {date:yyyy-MM-dd}.");
            }

            dateKey[i] = DateKey.From(date);
            companyKey[i] = version.CompanyKey;
            exchangeKey[i] = version.ExchangeKey;
            symbols[i] = bars.Symbol.Value;
            if (i > 0 || previousAdjustedClose is not null)
            {
                var ratio = adjusted[i] / (i > 0 ? adjusted[i - 1] : previousAdjustedClose.GetValueOrDefault());
                ret[i] = ratio - 1;
                logRet[i] = Math.Log(ratio);
                retValid[i] = true;
            }
        }

        return new RecordBatch(
        [
            new Int64Column("date_key", dateKey),
            new Int64Column("company_key", companyKey),
            new Int64Column("exchange_key", exchangeKey),
            new StringColumn("symbol", symbols),
            new DateColumn("trade_date", bars.TradeDate),
            new DoubleColumn("open", bars.Open),
            new DoubleColumn("high", bars.High),
            new DoubleColumn("low", bars.Low),
            new DoubleColumn("close", bars.Close),
            new DoubleColumn("adj_close", adjusted),
            new Int64Column("volume", bars.Volume),
            new DoubleColumn("dividend", bars.Dividend),
            new DoubleColumn("split_ratio", bars.SplitRatio),
            new DoubleColumn("return_1d", ret, retValid),
            new DoubleColumn("log_return_1d", logRet, retValid),
        ]);
    }
}
