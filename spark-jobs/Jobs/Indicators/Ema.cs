namespace StockLakehouse.Jobs.Indicators;

/// <summary>
/// Exponential moving average, as TA-Lib's <c>TA_EMA</c>: smoothing <c>k = 2 / (n + 1)</c>, seeded
/// with the SMA of the first <c>n</c> values at index <c>n − 1</c>, then
/// <c>ema[i] = (x[i] − ema[i−1])·k + ema[i−1]</c>. NaN before index <c>n − 1</c>.
/// </summary>
/// <remarks>
/// Inputs must be finite: a NaN makes every later output NaN. O(n), no allocation; the output must
/// not overlap the input.
/// </remarks>
public static class Ema
{
    /// <summary>Index of the first output: <c>period − 1</c>.</summary>
    public static int Lookback(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        return period - 1;
    }

    /// <summary>The smoothing factor <c>2 / (period + 1)</c>.</summary>
    public static double SmoothingFactor(int period) => 2.0 / (period + 1);

    /// <summary>
    /// Writes the <paramref name="period"/>-bar EMA of <paramref name="input"/> into <paramref name="output"/> (same length)
    /// and returns the last value (NaN while the input is within the lookback), which a <see cref="Continue"/> from
    /// <c>input.Length</c> takes.
    /// </summary>
    public static double Compute(ReadOnlySpan<double> input, int period, Span<double> output)
    {
        var lookback = Lookback(period);
        KernelArguments.RequireSameLength(input, output, nameof(output));
        return ComputeSeededAt(input, period, lookback, output);
    }

    /// <summary>
    /// The EMA from bar <paramref name="start"/> (after the seed, so at least <c>period</c>) on, given the
    /// <paramref name="previous"/> value, at bar <c>start − 1</c>: bit for bit what one computation over the whole input
    /// writes there. Returns the last value.
    /// </summary>
    public static double Continue(ReadOnlySpan<double> input, int period, int start, double previous, Span<double> output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(start, Lookback(period) + 1);
        KernelArguments.RequireSameLength(input, output, nameof(output));
        return Steps(input, SmoothingFactor(period), start, previous, output);
    }

    /// <summary>
    /// The EMA whose seed SMA covers <c>input[seedIndex − period + 1 .. seedIndex]</c>: the first output
    /// is at <paramref name="seedIndex"/>, everything before it is NaN and never read. TA-Lib's MACD
    /// seeds its fast EMA this way so that it starts on the same bar as the slow one. Returns the last value (NaN when
    /// the input ends before the seed).
    /// </summary>
    internal static double ComputeSeededAt(ReadOnlySpan<double> input, int period, int seedIndex, Span<double> output)
    {
        output[..Math.Min(seedIndex, input.Length)].Fill(double.NaN);
        if (input.Length <= seedIndex)
        {
            return double.NaN;
        }

        var sum = 0.0;
        for (var i = seedIndex - period + 1; i <= seedIndex; i++)
        {
            sum += input[i];
        }

        var ema = sum / period;
        output[seedIndex] = ema;
        return Steps(input, SmoothingFactor(period), seedIndex + 1, ema, output);
    }

    /// <summary>One smoothing step: the value after <paramref name="previous"/> when <paramref name="value"/> comes in.</summary>
    internal static double Step(double previous, double value, double k) => ((value - previous) * k) + previous;

    private static double Steps(ReadOnlySpan<double> input, double k, int start, double ema, Span<double> output)
    {
        for (var i = start; i < input.Length; i++)
        {
            ema = Step(ema, input[i], k);
            output[i] = ema;
        }

        return ema;
    }
}
