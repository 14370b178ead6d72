using StockLakehouse.Jobs.Indicators;

namespace StockLakehouse.Jobs.Tests.Indicators;

/// <summary>Every TA-Lib call in data/fixtures/talib, replayed through the kernels: values to 1e-9 relative, NaN exactly where TA-Lib has no output.</summary>
public sealed class TaLibOracleTests
{
    public static TheoryData<string, int, string> Calls()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var (name, vectors) in TaLibVectors.All)
        {
            for (var i = 0; i < vectors.Calls.Count; i++)
            {
                data.Add(name, i, vectors.Calls[i].Describe());
            }
        }

        return data;
    }

    [Fact]
    public void Fixtures_CoverEveryFunctionAndTheRequiredSeries()
    {
        var all = TaLibVectors.All;

        Assert.All(
            ["random_walk", "split_adjusted", "split_unadjusted", "flat_run", "flat_levels", "ulp_moves", "tiny_moves", "constant", "rising", "falling", "short_010", "short_033", "short_034", "short_199", "short_200", "short_201"],
            name => Assert.Contains(name, all.Keys));
        Assert.Equal(
            ["ATR", "BBANDS", "EMA", "MACD", "RSI", "SMA"],
            all.Values.SelectMany(c => c.Calls).Select(c => c.Function).Distinct().Order(StringComparer.Ordinal));
        Assert.True(all.Values.Sum(c => c.Calls.Count) >= 150);
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public void Kernel_AgreesWithTaLib(string vectors, int index, string call)
    {
        var series = TaLibVectors.Get(vectors);
        var expected = series.Calls[index];
        var label = $"{vectors} {call}";

        var actual = Replay(series, expected);

        Assert.Equal(expected.Outputs.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (output, values) in expected.Outputs)
        {
            TaLibVectors.AssertMatches(values, actual[output], $"{label} {output}");
        }

        if (expected.BeginIndex is { } begin)
        {
            Assert.Equal(begin, Lookback(expected));
        }
        else
        {
            Assert.True(series.Close.Length <= Lookback(expected), $"{label}: TA-Lib gave no output for {series.Close.Length} bars but the lookback is {Lookback(expected)}.");
        }
    }

    private static int Lookback(TaLibCall call) => call.Function switch
    {
        "SMA" => Sma.Lookback(call.Period()),
        "EMA" => Ema.Lookback(call.Period()),
        "RSI" => Rsi.Lookback(call.Period()),
        "ATR" => Atr.Lookback(call.Period()),
        "BBANDS" => BollingerBands.Lookback(call.Period()),
        "MACD" => Macd.Lookback(call.Period("optInFastPeriod"), call.Period("optInSlowPeriod"), call.Period("optInSignalPeriod")),
        _ => throw new NotSupportedException(call.Function),
    };

    private static Dictionary<string, double[]> Replay(TaLibCase series, TaLibCall call)
    {
        var close = series.Close;
        var n = close.Length;
        double[] New() => new double[n];
        switch (call.Function)
        {
            case "SMA":
                {
                    var output = New();
                    Sma.Compute(close, call.Period(), output);
                    return new() { ["outReal"] = output };
                }

            case "EMA":
                {
                    var output = New();
                    Ema.Compute(close, call.Period(), output);
                    return new() { ["outReal"] = output };
                }

            case "RSI":
                {
                    var output = New();
                    Rsi.Compute(close, call.Period(), output);
                    return new() { ["outReal"] = output };
                }

            case "ATR":
                {
                    var output = New();
                    Atr.Compute(series.High, series.Low, close, call.Period(), output);
                    return new() { ["outReal"] = output };
                }

            case "MACD":
                {
                    double[] line = New(), signal = New(), histogram = New();
                    Macd.Compute(close, call.Period("optInFastPeriod"), call.Period("optInSlowPeriod"), call.Period("optInSignalPeriod"), line, signal, histogram);
                    return new() { ["outMACD"] = line, ["outMACDSignal"] = signal, ["outMACDHist"] = histogram };
                }

            case "BBANDS":
                {
                    Assert.Equal(0, call.Options["optInMAType"]);
                    Assert.Equal(call.Options["optInNbDevUp"], call.Options["optInNbDevDn"]);
                    double[] upper = New(), middle = New(), lower = New();
                    BollingerBands.Compute(close, call.Period(), call.Options["optInNbDevUp"], upper, middle, lower);
                    return new() { ["outRealUpperBand"] = upper, ["outRealMiddleBand"] = middle, ["outRealLowerBand"] = lower };
                }

            default:
                throw new NotSupportedException($"No kernel replays TA-Lib's {call.Function}.");
        }
    }
}
