using StockLakehouse.Jobs.Indicators;

namespace StockLakehouse.Jobs.Tests.Indicators;

/// <summary>Properties that hold whatever the data: constants, monotonic series, short histories, argument checks.</summary>
public sealed class IndicatorPropertyTests
{
    private static double[] Constant(int n, double value) => Enumerable.Repeat(value, n).ToArray();

    private static double[] Rising(int n) => Enumerable.Range(0, n).Select(i => 10.0 + (0.37 * i) + (0.001 * i * i)).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(200)]
    public void Sma_OfAConstant_IsTheConstantAfterTheLookback(int period)
    {
        var input = Constant(260, 61.37);
        var output = new double[input.Length];

        Sma.Compute(input, period, output);

        Assert.All(output[..(period - 1)], v => Assert.True(double.IsNaN(v)));
        Assert.All(output[(period - 1)..], v => Assert.Equal(61.37, v, 1e-12));
    }

    [Fact]
    public void Ema_OfAConstant_IsTheConstant()
    {
        var input = Constant(100, 7.1);
        var output = new double[input.Length];

        Ema.Compute(input, 12, output);

        Assert.All(output[11..], v => Assert.Equal(7.1, v, 1e-12));
    }

    [Fact]
    public void Ema_FirstOutput_IsTheSmaOfTheFirstPeriodValues()
    {
        double[] input = [1, 2, 3, 4, 10, 20];
        var output = new double[input.Length];

        Ema.Compute(input, 4, output);

        Assert.Equal(2.5, output[3]);
        Assert.Equal(((10 - 2.5) * 0.4) + 2.5, output[4], 1e-15);
    }

    [Fact]
    public void Bollinger_OnAConstant_HasZeroWidth()
    {
        var input = Constant(80, 50.25);
        double[] upper = new double[80], middle = new double[80], lower = new double[80];

        BollingerBands.Compute(input, 20, 2.0, upper, middle, lower);

        for (var i = 19; i < input.Length; i++)
        {
            Assert.Equal(50.25, middle[i]);
            Assert.Equal(middle[i], upper[i]);
            Assert.Equal(middle[i], lower[i]);
        }
    }

    [Fact]
    public void Rsi_OfAStrictlyRisingSeries_Is100()
    {
        var input = Rising(60);
        var output = new double[input.Length];

        Rsi.Compute(input, 14, output);

        Assert.All(output[..14], v => Assert.True(double.IsNaN(v)));
        Assert.All(output[14..], v => Assert.Equal(100.0, v));
    }

    [Fact]
    public void Rsi_OfAStrictlyFallingSeries_Is0_AndOfAFlatSeries_Is0()
    {
        var falling = Rising(60).Reverse().ToArray();
        var output = new double[60];

        Rsi.Compute(falling, 14, output);
        Assert.All(output[14..], v => Assert.Equal(0.0, v));

        Rsi.Compute(Constant(60, 3.3), 14, output);
        Assert.All(output[14..], v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Atr_OfBarsWithoutRange_IsZero()
    {
        var price = Constant(40, 12.5);
        var output = new double[40];

        Atr.Compute(price, price, price, 14, output);

        Assert.All(output[14..], v => Assert.Equal(0.0, v));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(14)]
    [InlineData(19)]
    [InlineData(33)]
    public void ShortHistories_AreAllNaN_ForIndicatorsWhoseLookbackTheyDoNotPass(int n)
    {
        var close = Rising(n);
        var high = close.Select(c => c + 1).ToArray();
        var low = close.Select(c => c - 1).ToArray();
        double[] a = new double[n], b = new double[n], c = new double[n];

        Macd.Compute(close, 12, 26, 9, a, b, c);
        Assert.All(a.Concat(b).Concat(c), v => Assert.True(double.IsNaN(v)));

        Sma.Compute(close, 200, a);
        Assert.All(a, v => Assert.True(double.IsNaN(v)));
        Sma.Compute(close, 50, a);
        Assert.All(a, v => Assert.True(double.IsNaN(v)));

        if (n <= 14)
        {
            Rsi.Compute(close, 14, a);
            Atr.Compute(high, low, close, 14, b);
            Assert.All(a.Concat(b), v => Assert.True(double.IsNaN(v)));
        }

        if (n <= 19)
        {
            BollingerBands.Compute(close, 20, 2, a, b, c);
            Assert.All(a.Concat(b).Concat(c), v => Assert.True(double.IsNaN(v)));
            RealizedVolatility.Compute(close, 20, a);
            Assert.All(a, v => Assert.True(double.IsNaN(v)));
        }
    }

    [Fact]
    public void Lookbacks_AreTaLibs()
    {
        Assert.Equal(19, Sma.Lookback(20));
        Assert.Equal(199, Sma.Lookback(200));
        Assert.Equal(11, Ema.Lookback(12));
        Assert.Equal(33, Macd.Lookback(12, 26, 9));
        Assert.Equal(14, Rsi.Lookback(14));
        Assert.Equal(19, BollingerBands.Lookback(20));
        Assert.Equal(14, Atr.Lookback(14));
        Assert.Equal(20, RealizedVolatility.Lookback(20));
    }

    [Fact]
    public void Kernels_RejectMismatchedOrOverlappingSpans()
    {
        var input = Rising(30);
        var buffer = new double[60];

        Assert.Throws<ArgumentException>(() => Sma.Compute(input, 5, new double[29]));
        Assert.Throws<ArgumentException>(() => Ema.Compute(buffer.AsSpan(0, 30), 5, buffer.AsSpan(10, 30)));
        Assert.Throws<ArgumentException>(() => Macd.Compute(input, 12, 26, 9, buffer.AsSpan(0, 30), buffer.AsSpan(20, 30), new double[30]));
        Assert.Throws<ArgumentException>(() => Atr.Compute(input, input, new double[29], 14, new double[30]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sma.Compute(input, 0, new double[30]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Rsi.Compute(input, 1, new double[30]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Macd.Compute(input, 26, 12, 9, new double[30], new double[30], new double[30]));
    }

    [Fact]
    public void Macd_IsNotTheDifferenceOfStandaloneEmas_BecauseTheFastEmaIsSeededLater()
    {
        var close = TaLibVectors.Get("random_walk").Close;
        var n = close.Length;
        double[] line = new double[n], signal = new double[n], hist = new double[n], ema12 = new double[n], ema26 = new double[n];

        Macd.Compute(close, 12, 26, 9, line, signal, hist);
        Ema.Compute(close, 12, ema12);
        Ema.Compute(close, 26, ema26);

        Assert.True(Math.Abs(line[33] - (ema12[33] - ema26[33])) > 1e-6);
        Assert.Equal(ema12[^1] - ema26[^1], line[^1], 1e-9);
    }
}
