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

    /// <summary>
    /// Writes the MACD line, signal and histogram of <paramref name="input"/> (all the input's length) and returns the
    /// fast and slow EMAs and the signal at the last bar, which a <see cref="Continue"/> from <c>input.Length</c> takes
    /// (NaN while the input is within the lookback).
    /// </summary>
    public static (double Fast, double Slow, double Signal) Compute(
        ReadOnlySpan<double> input,
        int fastPeriod,
        int slowPeriod,
        int signalPeriod,
        Span<double> macd,
        Span<double> signal,
        Span<double> histogram)
    {
        var lookback = Lookback(fastPeriod, slowPeriod, signalPeriod);
        RequireOutputs(input, macd, signal, histogram);

        // Up to the first output, both EMAs start on the slow EMA's first bar; the slow one is parked in `signal` meanwhile.
        var head = Math.Min(input.Length, lookback + 1);
        var lineStart = slowPeriod - 1;
        var fast = Ema.ComputeSeededAt(input[..head], fastPeriod, lineStart, macd[..head]);
        var slow = Ema.ComputeSeededAt(input[..head], slowPeriod, lineStart, signal[..head]);
        for (var i = lineStart; i < head; i++)
        {
            macd[i] -= signal[i];
        }

        // The signal is an EMA of the line from its first bar; then hide the line inside the lookback.
        var last = Ema.ComputeSeededAt(macd[..head], signalPeriod, lookback, signal[..head]);
        var hidden = Math.Min(lookback, input.Length);
        macd[..hidden].Fill(double.NaN);
        histogram[..hidden].Fill(double.NaN);
        if (input.Length <= lookback)
        {
            return (fast, slow, last);
        }

        histogram[lookback] = macd[lookback] - signal[lookback];
        return Steps(input, fastPeriod, slowPeriod, signalPeriod, lookback + 1, (fast, slow, last), macd, signal, histogram);
    }

    /// <summary>
    /// The MACD from bar <paramref name="start"/> (after the first output, so past the lookback) on, given the fast and
    /// slow EMAs and the signal at bar <c>start − 1</c>: bit for bit what one computation over the whole input writes
    /// there. Returns them at the last bar.
    /// </summary>
    public static (double Fast, double Slow, double Signal) Continue(
        ReadOnlySpan<double> input,
        int fastPeriod,
        int slowPeriod,
        int signalPeriod,
        int start,
        (double Fast, double Slow, double Signal) previous,
        Span<double> macd,
        Span<double> signal,
        Span<double> histogram)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(start, Lookback(fastPeriod, slowPeriod, signalPeriod) + 1);
        RequireOutputs(input, macd, signal, histogram);
        return Steps(input, fastPeriod, slowPeriod, signalPeriod, start, previous, macd, signal, histogram);
    }

    private static (double Fast, double Slow, double Signal) Steps(
        ReadOnlySpan<double> input,
        int fastPeriod,
        int slowPeriod,
        int signalPeriod,
        int start,
        (double Fast, double Slow, double Signal) state,
        Span<double> macd,
        Span<double> signal,
        Span<double> histogram)
    {
        double kFast = Ema.SmoothingFactor(fastPeriod), kSlow = Ema.SmoothingFactor(slowPeriod), kSignal = Ema.SmoothingFactor(signalPeriod);
        var (fast, slow, last) = state;
        for (var i = start; i < input.Length; i++)
        {
            fast = Ema.Step(fast, input[i], kFast);
            slow = Ema.Step(slow, input[i], kSlow);
            var line = fast - slow;
            last = Ema.Step(last, line, kSignal);
            macd[i] = line;
            signal[i] = last;
            histogram[i] = line - last;
        }

        return (fast, slow, last);
    }

    private static void RequireOutputs(ReadOnlySpan<double> input, Span<double> macd, Span<double> signal, Span<double> histogram)
    {
        KernelArguments.RequireSameLength(input, macd, nameof(macd));
        KernelArguments.RequireSameLength(input, signal, nameof(signal));
        KernelArguments.RequireSameLength(input, histogram, nameof(histogram));
        KernelArguments.RequireDistinct(macd, signal, nameof(signal));
        KernelArguments.RequireDistinct(macd, histogram, nameof(histogram));
        KernelArguments.RequireDistinct(signal, histogram, nameof(histogram));
    }
}
