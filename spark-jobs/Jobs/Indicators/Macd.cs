namespace StockLakehouse.Jobs.Indicators;

/// <summary>
/// Moving average convergence/divergence, exactly as TA-Lib's <c>TA_MACD</c> (fast 12, slow 26, signal 9
/// by default):
/// <list type="bullet">
/// <item>the slow EMA is seeded with the SMA of <c>x[0 .. slow−1]</c>, and the fast EMA with the SMA of
/// <c>x[slow−fast .. slow−1]</c>, so both seed windows end on bar <c>slow − 1</c> (the fast EMA is
/// therefore not the standalone <see cref="Ema"/> of the same period, and <c>macd ≠ ema_12 − ema_26</c>
/// for the first few hundred bars);</item>
/// <item>line = fast EMA − slow EMA from bar <c>slow − 1</c>;</item>
/// <item>signal = EMA(<c>signal</c>) of the line, seeded with the SMA of its first <c>signal</c> values;</item>
/// <item>histogram = line − signal.</item>
/// </list>
/// All three outputs start at index <c>(slow − 1) + (signal − 1)</c> (33 for 12/26/9) and are NaN before,
/// as TA-Lib returns them.
/// </summary>
/// <remarks>
/// Inputs must be finite: a NaN makes every later output NaN. O(n); the three outputs serve as the
/// scratch space, so nothing is allocated. Outputs must not overlap the input or each other.
/// </remarks>
public static class Macd
{
    public const int DefaultFastPeriod = 12;
    public const int DefaultSlowPeriod = 26;
    public const int DefaultSignalPeriod = 9;

    /// <summary>Index of the first output: <c>(slowPeriod − 1) + (signalPeriod − 1)</c>.</summary>
    public static int Lookback(int fastPeriod, int slowPeriod, int signalPeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fastPeriod, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(slowPeriod, fastPeriod);
        ArgumentOutOfRangeException.ThrowIfLessThan(signalPeriod, 1);
        return slowPeriod - 1 + (signalPeriod - 1);
    }

    /// <summary>Writes the MACD line, signal and histogram of <paramref name="input"/> (all the input's length).</summary>
    public static void Compute(
        ReadOnlySpan<double> input,
        int fastPeriod,
        int slowPeriod,
        int signalPeriod,
        Span<double> macd,
        Span<double> signal,
        Span<double> histogram)
    {
        var lookback = Lookback(fastPeriod, slowPeriod, signalPeriod);
        KernelArguments.RequireSameLength(input, macd, nameof(macd));
        KernelArguments.RequireSameLength(input, signal, nameof(signal));
        KernelArguments.RequireSameLength(input, histogram, nameof(histogram));
        KernelArguments.RequireDistinct(macd, signal, nameof(signal));
        KernelArguments.RequireDistinct(macd, histogram, nameof(histogram));
        KernelArguments.RequireDistinct(signal, histogram, nameof(histogram));

        // Both EMAs start on the slow EMA's first bar; the slow one is parked in `signal` meanwhile.
        var lineStart = slowPeriod - 1;
        Ema.ComputeSeededAt(input, fastPeriod, lineStart, macd);
        Ema.ComputeSeededAt(input, slowPeriod, lineStart, signal);
        for (var i = lineStart; i < input.Length; i++)
        {
            macd[i] -= signal[i];
        }

        // The signal is an EMA of the line from its first bar; then hide the line inside the lookback.
        Ema.ComputeSeededAt(macd, signalPeriod, lookback, signal);
        var hidden = Math.Min(lookback, input.Length);
        macd[..hidden].Fill(double.NaN);
        histogram[..hidden].Fill(double.NaN);
        for (var i = lookback; i < input.Length; i++)
        {
            histogram[i] = macd[i] - signal[i];
        }
    }
}
