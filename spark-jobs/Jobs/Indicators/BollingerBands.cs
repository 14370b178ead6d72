namespace StockLakehouse.Jobs.Indicators;

/// <summary>
/// Bollinger bands, as TA-Lib's <c>TA_BBANDS</c> with an SMA middle band and the same multiplier up and
/// down (20 bars, 2σ by default): middle = <see cref="Sma"/>, σ = the population standard deviation of the
/// same <c>n</c> values, upper/lower = middle ± k·σ. The first output is at index <c>n − 1</c>; NaN before.
/// </summary>
/// <remarks>
/// σ is computed the way TA-Lib computes it, so the bands match it to the last bits even where they are
/// numerically delicate: running sums of x and x² (add the new value, divide, subtract the leaving one),
/// variance = mean(x²) − middle², and σ = 0 when that variance is below TA-Lib's epsilon 1e-14 (so a
/// window of identical values whose rounding leaves a variance above 1e-14 gets a tiny non-zero width,
/// exactly as in TA-Lib). Inputs must be finite: a NaN makes every later output NaN. O(n), no
/// allocation; outputs must not overlap the input or each other.
/// </remarks>
public static class BollingerBands
{
    public const int DefaultPeriod = 20;
    public const double DefaultDeviations = 2.0;

    /// <summary>Index of the first output: <c>period − 1</c>.</summary>
    public static int Lookback(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        return period - 1;
    }

    /// <summary>Writes the bands of <paramref name="input"/> with <paramref name="deviations"/> standard deviations (all the input's length).</summary>
    public static void Compute(
        ReadOnlySpan<double> input,
        int period,
        double deviations,
        Span<double> upper,
        Span<double> middle,
        Span<double> lower)
    {
        var lookback = Lookback(period);
        if (!double.IsFinite(deviations) || deviations < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(deviations), deviations, "The band width must be a finite, non-negative number of standard deviations.");
        }

        KernelArguments.RequireSameLength(input, upper, nameof(upper));
        KernelArguments.RequireSameLength(input, middle, nameof(middle));
        KernelArguments.RequireSameLength(input, lower, nameof(lower));
        KernelArguments.RequireDistinct(upper, middle, nameof(middle));
        KernelArguments.RequireDistinct(upper, lower, nameof(lower));
        KernelArguments.RequireDistinct(middle, lower, nameof(lower));

        var hidden = Math.Min(lookback, input.Length);
        upper[..hidden].Fill(double.NaN);
        middle[..hidden].Fill(double.NaN);
        lower[..hidden].Fill(double.NaN);
        double sum = 0, sumOfSquares = 0;
        for (var i = 0; i < input.Length; i++)
        {
            var x = input[i];
            sum += x;
            sumOfSquares += x * x;
            if (i < lookback)
            {
                continue;
            }

            var mean = sum / period;
            var meanOfSquares = sumOfSquares / period;
            var leaving = input[i - lookback];
            sum -= leaving;
            sumOfSquares -= leaving * leaving;
            var variance = meanOfSquares - (mean * mean);
            var sigma = variance < KernelArguments.TaLibEpsilon ? 0.0 : Math.Sqrt(variance);
            var width = sigma * deviations;
            middle[i] = mean;
            upper[i] = mean + width;
            lower[i] = mean - width;
        }
    }
}
