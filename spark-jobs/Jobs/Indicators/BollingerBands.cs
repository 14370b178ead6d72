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

    /// <summary>
    /// Writes the bands of <paramref name="input"/> with <paramref name="deviations"/> standard deviations (all the
    /// input's length) and returns the running sums of the values and of their squares, which a <see cref="Continue"/>
    /// from <c>input.Length</c> takes (valid once the input holds at least <c>period − 1</c> values).
    /// </summary>
    public static (double Sum, double SumOfSquares) Compute(
        ReadOnlySpan<double> input,
        int period,
        double deviations,
        Span<double> upper,
        Span<double> middle,
        Span<double> lower)
    {
        var lookback = Lookback(period);
        RequireArguments(input, deviations, upper, middle, lower);
        var warm = Math.Min(lookback, input.Length);
        upper[..warm].Fill(double.NaN);
        middle[..warm].Fill(double.NaN);
        lower[..warm].Fill(double.NaN);
        double sum = 0, sumOfSquares = 0;
        for (var i = 0; i < warm; i++)
        {
            var x = input[i];
            sum += x;
            sumOfSquares += x * x;
        }

        return Steps(input, period, deviations, warm, (sum, sumOfSquares), upper, middle, lower);
    }

    /// <summary>
    /// The bands from bar <paramref name="start"/> (at least <c>period − 1</c>) on, given the running sums a
    /// <see cref="Compute"/> over <c>input[..start]</c> returned and the values before <paramref name="start"/> in
    /// <paramref name="input"/> (the last <c>period − 1</c> are read): bit for bit what one computation over the whole
    /// input writes there. Returns the running sums at <c>input.Length</c>.
    /// </summary>
    public static (double Sum, double SumOfSquares) Continue(
        ReadOnlySpan<double> input,
        int period,
        double deviations,
        int start,
        (double Sum, double SumOfSquares) sums,
        Span<double> upper,
        Span<double> middle,
        Span<double> lower)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(start, Lookback(period));
        RequireArguments(input, deviations, upper, middle, lower);
        return Steps(input, period, deviations, start, sums, upper, middle, lower);
    }

    private static (double Sum, double SumOfSquares) Steps(
        ReadOnlySpan<double> input,
        int period,
        double deviations,
        int start,
        (double Sum, double SumOfSquares) sums,
        Span<double> upper,
        Span<double> middle,
        Span<double> lower)
    {
        var lookback = period - 1;
        var (sum, sumOfSquares) = sums;
        for (var i = start; i < input.Length; i++)
        {
            var x = input[i];
            sum += x;
            sumOfSquares += x * x;
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

        return (sum, sumOfSquares);
    }

    private static void RequireArguments(ReadOnlySpan<double> input, double deviations, Span<double> upper, Span<double> middle, Span<double> lower)
    {
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
    }
}
