namespace StockLakehouse.Jobs.Indicators;

/// <summary>
/// Simple moving average, as TA-Lib's <c>TA_SMA</c>: <c>out[i] = (x[i−n+1] + … + x[i]) / n</c> for
/// <c>i ≥ n − 1</c>, NaN before (lookback <c>n − 1</c>). Computed with one running sum (add the new
/// value, divide, subtract the value leaving the window), the same order of operations as TA-Lib.
/// </summary>
/// <remarks>
/// Inputs must be finite: a NaN enters the running sum and every later output becomes NaN. O(n),
/// no allocation; the output must not overlap the input.
/// </remarks>
public static class Sma
{
    /// <summary>Index of the first output: <c>period − 1</c>.</summary>
    public static int Lookback(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        return period - 1;
    }

    /// <summary>
    /// Writes the <paramref name="period"/>-bar SMA of <paramref name="input"/> into <paramref name="output"/> (same length)
    /// and returns the running sum a <see cref="Continue"/> from <c>input.Length</c> takes (valid once the input holds at
    /// least <c>period − 1</c> values).
    /// </summary>
    public static double Compute(ReadOnlySpan<double> input, int period, Span<double> output)
    {
        var lookback = Lookback(period);
        KernelArguments.RequireSameLength(input, output, nameof(output));
        var warm = Math.Min(lookback, input.Length);
        output[..warm].Fill(double.NaN);
        var sum = 0.0;
        for (var i = 0; i < warm; i++)
        {
            sum += input[i];
        }

        return Steps(input, period, warm, sum, output);
    }

    /// <summary>
    /// The SMA from bar <paramref name="start"/> (at least <c>period − 1</c>) on, given the running
    /// <paramref name="sum"/> a <see cref="Compute"/> over <c>input[..start]</c> returned and the values before
    /// <paramref name="start"/> in <paramref name="input"/> (the last <c>period − 1</c> are read): bit for bit what one
    /// computation over the whole input writes there. Returns the running sum at <c>input.Length</c>.
    /// </summary>
    public static double Continue(ReadOnlySpan<double> input, int period, int start, double sum, Span<double> output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(start, Lookback(period));
        KernelArguments.RequireSameLength(input, output, nameof(output));
        return Steps(input, period, start, sum, output);
    }

    private static double Steps(ReadOnlySpan<double> input, int period, int start, double sum, Span<double> output)
    {
        var lookback = period - 1;
        for (var i = start; i < input.Length; i++)
        {
            sum += input[i];
            output[i] = sum / period;
            sum -= input[i - lookback];
        }

        return sum;
    }
}
