namespace StockLakehouse.Jobs.Indicators;

/// <summary>
/// Annualised realised volatility (no TA-Lib counterpart). With daily log returns
/// <c>r[j] = ln(C[j] / C[j−1])</c> for <c>j ≥ 1</c>, the output at bar <c>i</c> is the <b>sample</b> standard
/// deviation (divisor <c>w − 1</c>) of the last <c>w</c> returns <c>r[i−w+1 .. i]</c>, times
/// <c>√252</c> (252 trading days a year):
/// <c>vol[i] = √252 · √( Σ (r[j] − r̄)² / (w − 1) )</c>. It needs <c>w + 1</c> closes, so the first output is
/// at index <c>w</c> (20 for volatility_20d) and earlier outputs are NaN.
/// </summary>
/// <remarks>
/// The window's mean and sum of squared deviations are updated in O(1) per bar (Welford's update, with
/// the leaving return replaced by the entering one), which stays accurate where a sum-of-squares formula
/// would cancel. Closes must be finite and positive. O(n), no allocation; the output must not overlap
/// the input.
/// </remarks>
public static class RealizedVolatility
{
    public const int DefaultWindow = 20;

    /// <summary>Trading days per year used to annualise a daily standard deviation.</summary>
    public const int TradingDaysPerYear = 252;

    /// <summary>Index of the first output: <c>window</c> (w returns need w + 1 closes).</summary>
    public static int Lookback(int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        return window;
    }

    /// <summary>
    /// Writes the annualised <paramref name="window"/>-return volatility of <paramref name="close"/> into
    /// <paramref name="output"/> and returns the window's running mean and sum of squared deviations at the last bar,
    /// which a <see cref="Continue"/> from <c>close.Length</c> takes (valid once the input holds more than
    /// <c>window</c> closes).
    /// </summary>
    public static (double Mean, double SquaredDeviations) Compute(ReadOnlySpan<double> close, int window, Span<double> output)
    {
        var lookback = Lookback(window);
        KernelArguments.RequireSameLength(close, output, nameof(output));
        output[..Math.Min(lookback, close.Length)].Fill(double.NaN);
        var annualise = Math.Sqrt(TradingDaysPerYear);
        double mean = 0, squaredDeviations = 0;
        var filling = Math.Min(window + 1, close.Length);
        for (var i = 1; i < filling; i++)
        {
            var entering = Math.Log(close[i] / close[i - 1]);
            var delta = entering - mean;
            mean += delta / i;
            squaredDeviations += delta * (entering - mean);
            if (i == lookback)
            {
                output[i] = Annualised(annualise, squaredDeviations, window);
            }
        }

        return Steps(close, window, filling, (mean, squaredDeviations), output);
    }

    /// <summary>
    /// The volatility from bar <paramref name="start"/> (after the window first filled, so at least
    /// <c>window + 1</c>) on, given the running mean and sum of squared deviations at bar <c>start − 1</c> and the
    /// closes before <paramref name="start"/> in <paramref name="close"/> (the last <c>window + 1</c> are read): bit for
    /// bit what one computation over the whole input writes there. Returns them at the last bar.
    /// </summary>
    public static (double Mean, double SquaredDeviations) Continue(ReadOnlySpan<double> close, int window, int start, (double Mean, double SquaredDeviations) previous, Span<double> output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(start, Lookback(window) + 1);
        KernelArguments.RequireSameLength(close, output, nameof(output));
        return Steps(close, window, start, previous, output);
    }

    private static (double Mean, double SquaredDeviations) Steps(ReadOnlySpan<double> close, int window, int start, (double Mean, double SquaredDeviations) state, Span<double> output)
    {
        var annualise = Math.Sqrt(TradingDaysPerYear);
        var (mean, squaredDeviations) = state;
        for (var i = start; i < close.Length; i++)
        {
            var entering = Math.Log(close[i] / close[i - 1]);
            var leaving = Math.Log(close[i - window] / close[i - window - 1]);
            var delta = entering - leaving;
            var newMean = mean + (delta / window);
            squaredDeviations += delta * (entering - newMean + leaving - mean);
            mean = newMean;
            output[i] = Annualised(annualise, squaredDeviations, window);
        }

        return (mean, squaredDeviations);
    }

    private static double Annualised(double annualise, double squaredDeviations, int window) =>
        annualise * Math.Sqrt(Math.Max(squaredDeviations, 0.0) / (window - 1));
}
