using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;

namespace StockLakehouse.Jobs.Indicators;

/// <summary>
/// One symbol's adjusted daily bars → fact_technical_indicator rows (one per bar, same order). The caller
/// passes the symbol's whole history as contiguous arrays in trade-date order with adjusted prices
/// (O/H/L/C scaled by adj_close / close), so the indicators see no split or dividend jumps. Indicator
/// columns are NULL inside their lookback (their validity is false and the value NaN):
/// sma_20/50/200 (<see cref="Sma"/>; first value at bar 19/49/199), ema_12/26 (<see cref="Ema"/>;
/// 11/25), macd/macd_signal/macd_hist (<see cref="Macd"/> 12/26/9 as TA-Lib; 33), rsi_14
/// (<see cref="Rsi"/>; 14), bb_upper/bb_middle/bb_lower (<see cref="BollingerBands"/> 20, 2σ; 19), atr_14
/// (<see cref="Atr"/>; 14) and volatility_20d (<see cref="RealizedVolatility"/> over 20 log returns,
/// sample σ · √252; 20). Bar 0 is the first bar of the arrays: a caller that passes a truncated history
/// gets different (later-starting) values than one that passes it all.
/// </summary>
public static class TechnicalIndicatorFunction
{
    public const string TableName = LakeNames.FactTechnicalIndicator;

    /// <summary>Computes every indicator column; the batch shares <paramref name="tradeDates"/>, <paramref name="dateKeys"/> and <paramref name="companyKeys"/>.</summary>
    /// <exception cref="ArgumentException">The arrays differ in length, the dates are not strictly increasing, or a price is not finite and positive.</exception>
    public static RecordBatch Compute(
        string symbol,
        DateOnly[] tradeDates,
        long[] dateKeys,
        long[] companyKeys,
        double[] open,
        double[] high,
        double[] low,
        double[] close)
    {
        Validate(symbol, tradeDates, dateKeys, companyKeys, open, high, low, close);
        var n = close.Length;
        var symbols = new string?[n];
        Array.Fill(symbols, symbol);

        var sma20 = SmaOf(close, 20);
        var sma50 = SmaOf(close, 50);
        var sma200 = SmaOf(close, 200);
        var ema12 = EmaOf(close, 12);
        var ema26 = EmaOf(close, 26);
        double[] macd = new double[n], macdSignal = new double[n], macdHist = new double[n];
        Macd.Compute(close, Macd.DefaultFastPeriod, Macd.DefaultSlowPeriod, Macd.DefaultSignalPeriod, macd, macdSignal, macdHist);
        var rsi14 = new double[n];
        Rsi.Compute(close, Rsi.DefaultPeriod, rsi14);
        double[] bbUpper = new double[n], bbMiddle = new double[n], bbLower = new double[n];
        BollingerBands.Compute(close, BollingerBands.DefaultPeriod, BollingerBands.DefaultDeviations, bbUpper, bbMiddle, bbLower);
        var atr14 = new double[n];
        Atr.Compute(high, low, close, Atr.DefaultPeriod, atr14);
        var volatility20 = new double[n];
        RealizedVolatility.Compute(close, RealizedVolatility.DefaultWindow, volatility20);

        return new RecordBatch(
        [
            new Int64Column("date_key", dateKeys),
            new Int64Column("company_key", companyKeys),
            new StringColumn("symbol", symbols),
            new DateColumn("trade_date", tradeDates),
            Nullable("sma_20", sma20),
            Nullable("sma_50", sma50),
            Nullable("sma_200", sma200),
            Nullable("ema_12", ema12),
            Nullable("ema_26", ema26),
            Nullable("macd", macd),
            Nullable("macd_signal", macdSignal),
            Nullable("macd_hist", macdHist),
            Nullable("rsi_14", rsi14),
            Nullable("bb_upper", bbUpper),
            Nullable("bb_middle", bbMiddle),
            Nullable("bb_lower", bbLower),
            Nullable("atr_14", atr14),
            Nullable("volatility_20d", volatility20),
        ]);
    }

    private static double[] SmaOf(double[] close, int period)
    {
        var output = new double[close.Length];
        Sma.Compute(close, period, output);
        return output;
    }

    private static double[] EmaOf(double[] close, int period)
    {
        var output = new double[close.Length];
        Ema.Compute(close, period, output);
        return output;
    }

    private static DoubleColumn Nullable(string name, double[] values)
    {
        var validity = new bool[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            validity[i] = !double.IsNaN(values[i]);
        }

        return new DoubleColumn(name, values, validity);
    }

    private static void Validate(
        string symbol,
        DateOnly[] tradeDates,
        long[] dateKeys,
        long[] companyKeys,
        double[] open,
        double[] high,
        double[] low,
        double[] close)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        ArgumentNullException.ThrowIfNull(tradeDates);
        ArgumentNullException.ThrowIfNull(dateKeys);
        ArgumentNullException.ThrowIfNull(companyKeys);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(high);
        ArgumentNullException.ThrowIfNull(low);
        ArgumentNullException.ThrowIfNull(close);
        var n = tradeDates.Length;
        if (dateKeys.Length != n || companyKeys.Length != n || open.Length != n || high.Length != n || low.Length != n || close.Length != n)
        {
            throw new ArgumentException(
                $"{symbol}: the arrays must be equally long (trade dates {n}, date keys {dateKeys.Length}, company keys {companyKeys.Length}, open {open.Length}, high {high.Length}, low {low.Length}, close {close.Length}).",
                nameof(tradeDates));
        }

        for (var i = 0; i < n; i++)
        {
            if (i > 0 && tradeDates[i] <= tradeDates[i - 1])
            {
                throw new ArgumentException($"{symbol}: trade dates must be strictly increasing, but {tradeDates[i]:yyyy-MM-dd} follows {tradeDates[i - 1]:yyyy-MM-dd} at index {i}.", nameof(tradeDates));
            }

            if (!IsPrice(open[i]) || !IsPrice(high[i]) || !IsPrice(low[i]) || !IsPrice(close[i]))
            {
                throw new ArgumentException(
                    $"{symbol}: adjusted prices must be finite and positive; on {tradeDates[i]:yyyy-MM-dd} (index {i}) O/H/L/C are {open[i]}/{high[i]}/{low[i]}/{close[i]}. Drop or repair such bars before computing indicators.",
                    nameof(close));
            }
        }
    }

    private static bool IsPrice(double value) => double.IsFinite(value) && value > 0;
}
