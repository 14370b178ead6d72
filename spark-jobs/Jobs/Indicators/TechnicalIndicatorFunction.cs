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
/// gets different (later-starting) values than one that passes it all. A computation can also stop at a bar and leave
/// the recurrences' state there (<see cref="IndicatorCheckpoint"/>), from which <see cref="Resume"/> computes the later
/// bars alone, exactly as one computation over the whole history does.
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
        double[] close) =>
        Compute(symbol, tradeDates, dateKeys, companyKeys, open, high, low, close, null, out _);

    /// <summary>
    /// As <see cref="Compute(string, DateOnly[], long[], long[], double[], double[], double[], double[])"/>, and also the
    /// recurrences' state after the first <paramref name="checkpointAt"/> bars, from which <see cref="Resume"/> computes
    /// the bars after them bit for bit as here (null when <paramref name="checkpointAt"/> is null or outside
    /// <see cref="IndicatorCheckpoint.Window"/> .. the bar count).
    /// </summary>
    public static RecordBatch Compute(
        string symbol,
        DateOnly[] tradeDates,
        long[] dateKeys,
        long[] companyKeys,
        double[] open,
        double[] high,
        double[] low,
        double[] close,
        int? checkpointAt,
        out IndicatorCheckpoint? checkpoint)
    {
        Validate(symbol, tradeDates, dateKeys, companyKeys, open, high, low, close);
        var n = close.Length;
        var outputs = new Outputs(n);
        if (checkpointAt is { } cut && cut >= IndicatorCheckpoint.Window && cut <= n)
        {
            checkpoint = outputs.Start(high, low, close, cut);
            outputs.Continue(high, low, close, cut, checkpoint);
        }
        else
        {
            checkpoint = null;
            outputs.Start(high, low, close, n);
        }

        return outputs.ToBatch(symbol, tradeDates, dateKeys, companyKeys, 0);
    }

    /// <summary>
    /// The rows of the bars after a checkpoint, given those bars alone (as <see cref="Compute(string, DateOnly[], long[], long[], double[], double[], double[], double[])"/>
    /// takes them, adjusted as they were for the checkpoint) and the state <paramref name="from"/> left after the bars
    /// before them: bit for bit the rows one computation over the whole history gives these bars.
    /// </summary>
    public static RecordBatch Resume(
        IndicatorCheckpoint from,
        string symbol,
        DateOnly[] tradeDates,
        long[] dateKeys,
        long[] companyKeys,
        double[] open,
        double[] high,
        double[] low,
        double[] close)
    {
        ArgumentNullException.ThrowIfNull(from);
        Validate(symbol, tradeDates, dateKeys, companyKeys, open, high, low, close);
        var window = IndicatorCheckpoint.Window;
        if (!from.IsComplete)
        {
            throw new ArgumentException($"{symbol}: a checkpoint holds the last {window} adjusted closes before it, finite and positive; this one has {from.Closes.Length}, of which {from.Closes.Count(c => !IsPrice(c))} are not prices.", nameof(from));
        }

        // The kernels read the closes before the first new bar from the checkpoint's; the highs and lows before it are never read.
        var n = window + close.Length;
        double[] closes = [.. from.Closes, .. close], highs = new double[n], lows = new double[n];
        high.CopyTo(highs, window);
        low.CopyTo(lows, window);
        var outputs = new Outputs(n);
        outputs.Continue(highs, lows, closes, window, from);
        return outputs.ToBatch(symbol, tradeDates, dateKeys, companyKeys, window);
    }

    /// <summary>The indicator columns of one computation, filled by <see cref="Start"/> and then <see cref="Continue"/>.</summary>
    private sealed class Outputs(int n)
    {
        private readonly double[] _sma20 = new double[n], _sma50 = new double[n], _sma200 = new double[n], _ema12 = new double[n], _ema26 = new double[n];
        private readonly double[] _macd = new double[n], _macdSignal = new double[n], _macdHist = new double[n], _rsi14 = new double[n];
        private readonly double[] _bbUpper = new double[n], _bbMiddle = new double[n], _bbLower = new double[n], _atr14 = new double[n], _volatility20 = new double[n];

        /// <summary>Every kernel over the first <paramref name="end"/> bars; their state after them.</summary>
        public IndicatorCheckpoint Start(double[] high, double[] low, double[] close, int end)
        {
            var c = close.AsSpan(0, end);
            var macd = Macd.Compute(c, Macd.DefaultFastPeriod, Macd.DefaultSlowPeriod, Macd.DefaultSignalPeriod, _macd.AsSpan(0, end), _macdSignal.AsSpan(0, end), _macdHist.AsSpan(0, end));
            var rsi = Rsi.Compute(c, Rsi.DefaultPeriod, _rsi14.AsSpan(0, end));
            var bollinger = BollingerBands.Compute(c, BollingerBands.DefaultPeriod, BollingerBands.DefaultDeviations, _bbUpper.AsSpan(0, end), _bbMiddle.AsSpan(0, end), _bbLower.AsSpan(0, end));
            var volatility = RealizedVolatility.Compute(c, RealizedVolatility.DefaultWindow, _volatility20.AsSpan(0, end));
            return new IndicatorCheckpoint(
                close.AsSpan(Math.Max(0, end - IndicatorCheckpoint.Window), Math.Min(end, IndicatorCheckpoint.Window)).ToArray(),
                Sma.Compute(c, 20, _sma20.AsSpan(0, end)),
                Sma.Compute(c, 50, _sma50.AsSpan(0, end)),
                Sma.Compute(c, 200, _sma200.AsSpan(0, end)),
                Ema.Compute(c, 12, _ema12.AsSpan(0, end)),
                Ema.Compute(c, 26, _ema26.AsSpan(0, end)),
                macd.Fast,
                macd.Slow,
                macd.Signal,
                rsi.Gain,
                rsi.Loss,
                bollinger.Sum,
                bollinger.SumOfSquares,
                Atr.Compute(high.AsSpan(0, end), low.AsSpan(0, end), c, Atr.DefaultPeriod, _atr14.AsSpan(0, end)),
                volatility.Mean,
                volatility.SquaredDeviations);
        }

        /// <summary>Every kernel from bar <paramref name="start"/> on, from the state <paramref name="at"/> left before it.</summary>
        public void Continue(double[] high, double[] low, double[] close, int start, IndicatorCheckpoint at)
        {
            Sma.Continue(close, 20, start, at.Sma20, _sma20);
            Sma.Continue(close, 50, start, at.Sma50, _sma50);
            Sma.Continue(close, 200, start, at.Sma200, _sma200);
            Ema.Continue(close, 12, start, at.Ema12, _ema12);
            Ema.Continue(close, 26, start, at.Ema26, _ema26);
            Macd.Continue(close, Macd.DefaultFastPeriod, Macd.DefaultSlowPeriod, Macd.DefaultSignalPeriod, start, (at.MacdFast, at.MacdSlow, at.MacdSignal), _macd, _macdSignal, _macdHist);
            Rsi.Continue(close, Rsi.DefaultPeriod, start, (at.RsiGain, at.RsiLoss), _rsi14);
            BollingerBands.Continue(close, BollingerBands.DefaultPeriod, BollingerBands.DefaultDeviations, start, (at.BollingerSum, at.BollingerSumOfSquares), _bbUpper, _bbMiddle, _bbLower);
            Atr.Continue(high, low, close, Atr.DefaultPeriod, start, at.Atr, _atr14);
            RealizedVolatility.Continue(close, RealizedVolatility.DefaultWindow, start, (at.VolatilityMean, at.VolatilitySquaredDeviations), _volatility20);
        }

        /// <summary>The rows from bar <paramref name="skip"/> on, for the given keys (one per row).</summary>
        public RecordBatch ToBatch(string symbol, DateOnly[] tradeDates, long[] dateKeys, long[] companyKeys, int skip)
        {
            var symbols = new string?[tradeDates.Length];
            Array.Fill(symbols, symbol);
            return new RecordBatch(
            [
                new Int64Column("date_key", dateKeys),
                new Int64Column("company_key", companyKeys),
                new StringColumn("symbol", symbols),
                new DateColumn("trade_date", tradeDates),
                Nullable("sma_20", _sma20, skip),
                Nullable("sma_50", _sma50, skip),
                Nullable("sma_200", _sma200, skip),
                Nullable("ema_12", _ema12, skip),
                Nullable("ema_26", _ema26, skip),
                Nullable("macd", _macd, skip),
                Nullable("macd_signal", _macdSignal, skip),
                Nullable("macd_hist", _macdHist, skip),
                Nullable("rsi_14", _rsi14, skip),
                Nullable("bb_upper", _bbUpper, skip),
                Nullable("bb_middle", _bbMiddle, skip),
                Nullable("bb_lower", _bbLower, skip),
                Nullable("atr_14", _atr14, skip),
                Nullable("volatility_20d", _volatility20, skip),
            ]);
        }
    }

    private static DoubleColumn Nullable(string name, double[] computed, int skip)
    {
        var values = skip == 0 ? computed : computed[skip..];
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

    internal static bool IsPrice(double value) => double.IsFinite(value) && value > 0;
}
