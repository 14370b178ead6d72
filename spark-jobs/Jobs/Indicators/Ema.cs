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

    /// <summary>Writes the <paramref name="period"/>-bar EMA of <paramref name="input"/> into <paramref name="output"/> (same length).</summary>
    public static void Compute(ReadOnlySpan<double> input, int period, Span<double> output)
    {
        var lookback = Lookback(period);
        KernelArguments.RequireSameLength(input, output, nameof(output));
        ComputeSeededAt(input, period, lookback, output);
    }

    /// <summary>
    /// The EMA whose seed SMA covers <c>input[seedIndex − period + 1 .. seedIndex]</c>: the first output
    /// is at <paramref name="seedIndex"/>, everything before it is NaN and never read. TA-Lib's MACD
    /// seeds its fast EMA this way so that it starts on the same bar as the slow one.
    /// </summary>
    internal static void ComputeSeededAt(ReadOnlySpan<double> input, int period, int seedIndex, Span<double> output)
    {
        output[..Math.Min(seedIndex, input.Length)].Fill(double.NaN);
        if (input.Length <= seedIndex)
        {
            return;
        }

        var sum = 0.0;
        for (var i = seedIndex - period + 1; i <= seedIndex; i++)
        {
            sum += input[i];
        }

        var k = SmoothingFactor(period);
        var ema = sum / period;
        output[seedIndex] = ema;
        for (var i = seedIndex + 1; i < input.Length; i++)
        {
            ema = ((input[i] - ema) * k) + ema;
            output[i] = ema;
        }
    }
}
