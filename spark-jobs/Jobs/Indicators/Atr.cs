namespace StockLakehouse.Jobs.Indicators;

/// <summary>
/// Average true range, exactly as TA-Lib's <c>TA_ATR</c> (period 14 by default). The true range of bar
/// <c>i ≥ 1</c> is <c>max(H[i] − L[i], |C[i−1] − H[i]|, |C[i−1] − L[i]|)</c> (bar 0 has none). The first ATR,
/// at index <c>n</c>, is the mean of the true ranges of bars 1..n; then Wilder smoothing
/// <c>atr[i] = (atr[i−1]·(n−1) + TR[i]) / n</c>. NaN before index <c>n</c>.
/// </summary>
/// <remarks>
/// Inputs must be finite: a NaN makes every later output NaN. O(n), no allocation; the output must not
/// overlap the inputs.
/// </remarks>
public static class Atr
{
    public const int DefaultPeriod = 14;

    /// <summary>Index of the first output: <c>period</c>.</summary>
    public static int Lookback(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        return period;
    }

    /// <summary>The true range of bar <paramref name="i"/> (≥ 1).</summary>
    public static double TrueRange(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int i)
    {
        var previousClose = close[i - 1];
        var range = high[i] - low[i];
        var fromHigh = Math.Abs(previousClose - high[i]);
        var fromLow = Math.Abs(previousClose - low[i]);
        return Math.Max(range, Math.Max(fromHigh, fromLow));
    }

    /// <summary>
    /// Writes the <paramref name="period"/>-bar ATR into <paramref name="output"/> (the inputs' length) and returns its
    /// last value, which a <see cref="Continue"/> from <c>close.Length</c> takes (NaN while the input is within the lookback).
    /// </summary>
    public static double Compute(
        ReadOnlySpan<double> high,
        ReadOnlySpan<double> low,
        ReadOnlySpan<double> close,
        int period,
        Span<double> output)
    {
        var lookback = Lookback(period);
        RequireInputs(high, low, close, output);
        output[..Math.Min(lookback, close.Length)].Fill(double.NaN);
        if (close.Length <= lookback)
        {
            return double.NaN;
        }

        var sum = 0.0;
        for (var i = 1; i <= period; i++)
        {
            sum += TrueRange(high, low, close, i);
        }

        var atr = sum / period;
        output[period] = atr;
        return Steps(high, low, close, period, period + 1, atr, output);
    }

    /// <summary>
    /// The ATR from bar <paramref name="start"/> (after the first output, so at least <c>period + 1</c>) on, given its
    /// <paramref name="previous"/> value, at bar <c>start − 1</c>, and the close of that bar: bit for bit what one
    /// computation over the whole input writes there. Returns the last value.
    /// </summary>
    public static double Continue(
        ReadOnlySpan<double> high,
        ReadOnlySpan<double> low,
        ReadOnlySpan<double> close,
        int period,
        int start,
        double previous,
        Span<double> output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(start, Lookback(period) + 1);
        RequireInputs(high, low, close, output);
        return Steps(high, low, close, period, start, previous, output);
    }

    private static double Steps(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period, int start, double atr, Span<double> output)
    {
        for (var i = start; i < close.Length; i++)
        {
            atr = ((atr * (period - 1)) + TrueRange(high, low, close, i)) / period;
            output[i] = atr;
        }

        return atr;
    }

    private static void RequireInputs(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output)
    {
        KernelArguments.RequireSameLength(close, high, nameof(high));
        KernelArguments.RequireSameLength(close, low, nameof(low));
        KernelArguments.RequireSameLength(close, output, nameof(output));
        KernelArguments.RequireSameLength(high, output, nameof(output));
        KernelArguments.RequireSameLength(low, output, nameof(output));
    }
}
