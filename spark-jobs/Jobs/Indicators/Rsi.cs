namespace StockLakehouse.Jobs.Indicators;

/// <summary>
/// Wilder's relative strength index, exactly as TA-Lib's <c>TA_RSI</c> (period 14 by default). With
/// <c>d[i] = x[i] − x[i−1]</c>, gains <c>max(d, 0)</c> and losses <c>max(−d, 0)</c>:
/// the first average gain G and loss L are the simple means of the <c>n</c> changes <c>d[1..n]</c>; then
/// <c>G = (G·(n−1) + gain) / n</c> and likewise L (Wilder smoothing). <c>RSI = 100·G / (G + L)</c>, and 0
/// when |G + L| is below TA-Lib's epsilon 1e-14 (a flat run with no change at all). The first output is at
/// index <c>n</c>; NaN before.
/// </summary>
/// <remarks>
/// A strictly rising series has L = 0 and RSI 100; during a flat stretch G and L decay together, so the
/// RSI holds its last value. Inputs must be finite: a NaN makes every later output NaN. O(n), no
/// allocation; the output must not overlap the input.
/// </remarks>
public static class Rsi
{
    public const int DefaultPeriod = 14;

    /// <summary>Index of the first output: <c>period</c>.</summary>
    public static int Lookback(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        return period;
    }

    /// <summary>
    /// Writes the <paramref name="period"/>-bar RSI of <paramref name="input"/> into <paramref name="output"/> (same length)
    /// and returns the average gain and loss at the last bar, which a <see cref="Continue"/> from <c>input.Length</c>
    /// takes (NaN while the input is within the lookback).
    /// </summary>
    public static (double Gain, double Loss) Compute(ReadOnlySpan<double> input, int period, Span<double> output)
    {
        var lookback = Lookback(period);
        KernelArguments.RequireSameLength(input, output, nameof(output));
        output[..Math.Min(lookback, input.Length)].Fill(double.NaN);
        if (input.Length <= lookback)
        {
            return (double.NaN, double.NaN);
        }

        double gain = 0, loss = 0;
        for (var i = 1; i <= period; i++)
        {
            var change = input[i] - input[i - 1];
            if (change < 0)
            {
                loss -= change;
            }
            else
            {
                gain += change;
            }
        }

        gain /= period;
        loss /= period;
        output[period] = Index(gain, loss);
        return Steps(input, period, period + 1, (gain, loss), output);
    }

    /// <summary>
    /// The RSI from bar <paramref name="start"/> (after the first output, so at least <c>period + 1</c>) on, given the
    /// average gain and loss at bar <c>start − 1</c> and the input from bar <c>start − 1</c>: bit for bit what one
    /// computation over the whole input writes there. Returns them at the last bar.
    /// </summary>
    public static (double Gain, double Loss) Continue(ReadOnlySpan<double> input, int period, int start, (double Gain, double Loss) previous, Span<double> output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(start, Lookback(period) + 1);
        KernelArguments.RequireSameLength(input, output, nameof(output));
        return Steps(input, period, start, previous, output);
    }

    private static (double Gain, double Loss) Steps(ReadOnlySpan<double> input, int period, int start, (double Gain, double Loss) state, Span<double> output)
    {
        var (gain, loss) = state;
        for (var i = start; i < input.Length; i++)
        {
            var change = input[i] - input[i - 1];
            gain *= period - 1;
            loss *= period - 1;
            if (change < 0)
            {
                loss -= change;
            }
            else
            {
                gain += change;
            }

            gain /= period;
            loss /= period;
            output[i] = Index(gain, loss);
        }

        return (gain, loss);
    }

    private static double Index(double gain, double loss)
    {
        var total = gain + loss;
        return Math.Abs(total) < KernelArguments.TaLibEpsilon ? 0.0 : 100.0 * (gain / total);
    }
}
