using StockLakehouse.Jobs.Indicators;

namespace StockLakehouse.Jobs.Tests.Indicators;

/// <summary>volatility_20d has no TA-Lib counterpart: it is checked against a direct two-pass computation.</summary>
public sealed class RealizedVolatilityTests
{
    public static TheoryData<string> Series() => ["random_walk", "split_adjusted", "flat_run", "constant", "rising", "falling", "tiny_moves", "small_moves", "short_033"];

    /// <summary>√252 · sample σ of r[i−w+1..i], r[j] = ln(C[j]/C[j−1]), with the mean taken first (two passes).</summary>
    private static double[] Direct(double[] close, int window)
    {
        var output = new double[close.Length];
        for (var i = 0; i < close.Length; i++)
        {
            if (i < window)
            {
                output[i] = double.NaN;
                continue;
            }

            var returns = Enumerable.Range(i - window + 1, window).Select(j => Math.Log(close[j] / close[j - 1])).ToArray();
            var mean = returns.Average();
            var variance = returns.Sum(r => (r - mean) * (r - mean)) / (window - 1);
            output[i] = Math.Sqrt(variance) * Math.Sqrt(252);
        }

        return output;
    }

    [Theory]
    [MemberData(nameof(Series))]
    public void Compute_AgreesWithTheDirectTwoPassFormula(string vectors)
    {
        var close = TaLibVectors.Get(vectors).Close;
        var output = new double[close.Length];

        RealizedVolatility.Compute(close, 20, output);

        TaLibVectors.AssertMatches(Direct(close, 20), output, $"{vectors} volatility_20d");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(63)]
    public void Compute_OtherWindows_AgreeWithTheDirectFormula(int window)
    {
        var close = TaLibVectors.Get("split_adjusted").Close;
        var output = new double[close.Length];

        RealizedVolatility.Compute(close, window, output);

        TaLibVectors.AssertMatches(Direct(close, window), output, $"window {window}");
    }

    [Fact]
    public void Compute_HandComputedExample_UsesTheSampleDeviationAndSqrt252()
    {
        // Closes alternating up 1% and down 1% in log terms: returns +a, −a, … with a = ln(1.01).
        var a = Math.Log(1.01);
        var close = new double[21];
        close[0] = 100;
        for (var i = 1; i < close.Length; i++)
        {
            close[i] = close[i - 1] * Math.Exp(i % 2 == 1 ? a : -a);
        }

        var output = new double[close.Length];
        RealizedVolatility.Compute(close, 20, output);

        // 20 returns, mean 0, Σr² = 20a², sample variance 20a²/19.
        Assert.Equal(Math.Sqrt(252) * Math.Sqrt(20 * a * a / 19), output[20], 1e-12);
        Assert.All(output[..20], v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void Compute_ConstantGrowth_HasZeroVolatility()
    {
        var close = Enumerable.Range(0, 300).Select(i => 50 * Math.Pow(1.002, i)).ToArray();
        var output = new double[close.Length];

        RealizedVolatility.Compute(close, 20, output);

        Assert.All(output[20..], v => Assert.True(v < 1e-9, $"{v}"));
    }
}
