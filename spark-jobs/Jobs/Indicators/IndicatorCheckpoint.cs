namespace StockLakehouse.Jobs.Indicators;

/// <summary>
/// Everything the indicators of a symbol's bars after a cut depend on from the bars before it: the last
/// <see cref="Window"/> adjusted closes before the cut (oldest first) and each recurrence's running values after the
/// bar before it, exactly as accumulated (the SMAs' and the Bollinger bands' running sums, the EMAs, MACD's fast and slow
/// EMAs and signal, RSI's average gain and loss, the ATR, the volatility window's mean and sum of squared deviations).
/// <see cref="TechnicalIndicatorFunction.Resume"/> continues from it bit for bit; no value here is an approximation.
/// </summary>
public sealed record IndicatorCheckpoint(
    double[] Closes,
    double Sma20,
    double Sma50,
    double Sma200,
    double Ema12,
    double Ema26,
    double MacdFast,
    double MacdSlow,
    double MacdSignal,
    double RsiGain,
    double RsiLoss,
    double BollingerSum,
    double BollingerSumOfSquares,
    double Atr,
    double VolatilityMean,
    double VolatilitySquaredDeviations)
{
    /// <summary>
    /// The closes a checkpoint keeps, which is also the fewest bars before a cut it can be taken at: the most any kernel
    /// reads behind the bar it computes (SMA 200 reads 199, the volatility 21), and past every kernel's lookback and seed.
    /// </summary>
    public const int Window = 200;

    /// <summary>Whether it holds <see cref="Window"/> closes, each finite and positive (a state edited by hand may not).</summary>
    public bool IsComplete => Closes.Length == Window && Closes.All(TechnicalIndicatorFunction.IsPrice);
}
