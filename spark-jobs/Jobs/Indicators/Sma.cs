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

    /// <summary>Writes the <paramref name="period"/>-bar SMA of <paramref name="input"/> into <paramref name="output"/> (same length).</summary>
    public static void Compute(ReadOnlySpan<double> input, int period, Span<double> output)
    {
        var lookback = Lookback(period);
        KernelArguments.RequireSameLength(input, output, nameof(output));
        output[..Math.Min(lookback, input.Length)].Fill(double.NaN);
        var sum = 0.0;
        for (var i = 0; i < input.Length; i++)
        {
            sum += input[i];
            if (i >= lookback)
            {
                output[i] = sum / period;
                sum -= input[i - lookback];
            }
        }
    }
}
