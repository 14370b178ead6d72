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

    /// <summary>Writes the annualised <paramref name="window"/>-return volatility of <paramref name="close"/> into <paramref name="output"/>.</summary>
    public static void Compute(ReadOnlySpan<double> close, int window, Span<double> output)
    {
        var lookback = Lookback(window);
        KernelArguments.RequireSameLength(close, output, nameof(output));
        output[..Math.Min(lookback, close.Length)].Fill(double.NaN);
        var annualise = Math.Sqrt(TradingDaysPerYear);
        double mean = 0, squaredDeviations = 0;
        for (var i = 1; i < close.Length; i++)
        {
            var entering = Math.Log(close[i] / close[i - 1]);
            if (i <= window)
            {
                var delta = entering - mean;
                mean += delta / i;
                squaredDeviations += delta * (entering - mean);
            }
            else
            {
                var leaving = Math.Log(close[i - window] / close[i - window - 1]);
                var delta = entering - leaving;
                var newMean = mean + (delta / window);
                squaredDeviations += delta * (entering - newMean + leaving - mean);
                mean = newMean;
            }

            if (i >= lookback)
            {
                output[i] = annualise * Math.Sqrt(Math.Max(squaredDeviations, 0.0) / (window - 1));
            }
        }
    }
}
