namespace StockLakehouse.Extractor.Tests.Sources.Simulated;

public sealed class SimulatedMarketHistoryTests
{
    private static readonly DateOnly _from = new(2005, 1, 1);
    private static readonly DateOnly _to = new(2024, 12, 31);

    [Fact]
    public void History_ManySymbolsTwentyYears_OhlcIsConsistentAndInCents()
    {
        var market = TestCalendar.Market();
        foreach (var instrument in TestCalendar.Universe(50))
        {
            var h = market.History(instrument, _from, _to);
            for (var i = 0; i < h.Dates.Count; i++)
            {
                var where = $"{instrument.Symbol} {h.Dates[i]:yyyy-MM-dd}";
                Assert.True(h.Low[i] > 0m, where);
                Assert.True(h.High[i] >= Math.Max(h.Open[i], h.Close[i]), where);
                Assert.True(h.Low[i] <= Math.Min(h.Open[i], h.Close[i]), where);
                Assert.True(h.Volume[i] > 0, where);
                foreach (var price in new[] { h.Open[i], h.High[i], h.Low[i], h.Close[i] })
                {
                    Assert.Equal(decimal.Round(price, 2), price);
                }
            }
        }
    }

    [Fact]
    public void History_Window_HasExactlyTheTradingDaysInRange()
    {
        var from = new DateOnly(2024, 3, 1);
        var to = new DateOnly(2024, 3, 31);

        var history = TestCalendar.Market().History(TestCalendar.Instrument("DAYS"), from, to);

        Assert.Equal(TestCalendar.Weekdays(from, to), history.Dates);
        Assert.Equal(history.Dates.Count, history.Close.Count);
        Assert.Equal(history.Dates.Count, history.Volume.Count);
    }

    [Fact]
    public void History_HundredSymbolsTwentyYears_CorporateActionsAtRealisticRates()
    {
        var market = TestCalendar.Market();
        var histories = TestCalendar.Universe(100).Select(i => market.History(i, _from, _to)).ToArray();

        var payers = histories.Count(h => h.Dividends.Count > 0);
        Assert.InRange(payers, 30, 70);

        // Quarterly: every 63 sessions, and the test calendar has about 261 sessions a year.
        foreach (var h in histories.Where(h => h.Dividends.Count > 0))
        {
            Assert.InRange(h.Dividends.Count, 80, 85);
        }

        var splits = histories.Sum(h => h.Splits.Count);
        var symbolYears = 100 * 20.0;
        Assert.InRange(symbolYears / splits, 8.0, 15.0);

        var reverse = histories.SelectMany(h => h.Splits).Count(s => s.Numerator < s.Denominator);
        Assert.True(reverse > 0 && reverse < splits / 4, $"{reverse} reverse splits out of {splits}");
        Assert.All(histories.SelectMany(h => h.Splits), s => Assert.Contains($"{s.Numerator}:{s.Denominator}", new[] { "2:1", "3:1", "4:1", "1:10" }));
    }

    [Fact]
    public void History_Dividends_AreASmallFractionOfThePreviousClose()
    {
        var market = TestCalendar.Market();
        var seen = 0;
        foreach (var instrument in TestCalendar.Universe(40))
        {
            var h = market.History(instrument, _from, _to);
            foreach (var dividend in h.Dividends)
            {
                var index = IndexOf(h, dividend.ExDate);
                if (index == 0)
                {
                    continue;
                }

                var splitOnDay = h.Splits.FirstOrDefault(s => s.Date == dividend.ExDate);
                var previous = h.Close[index - 1] / (decimal)(splitOnDay?.Ratio ?? 1.0);

                // Set at 0.3–1 % of the price and reset once the yield is off by a factor of two; the one-cent
                // minimum is the only way past that on a penny stock.
                var fraction = (double)(dividend.Amount / previous);
                if (dividend.Amount > 0.01m)
                {
                    Assert.InRange(fraction, 0.0015, 0.02);
                }

                seen++;
            }
        }

        Assert.True(seen > 500, $"only {seen} dividends checked");
    }

    [Fact]
    public void History_SplitDate_AsTradedPriceJumpsByTheRatio()
    {
        var market = TestCalendar.Market();
        var seen = 0;
        foreach (var instrument in TestCalendar.Universe(100))
        {
            var h = market.History(instrument, _from, _to);
            foreach (var split in h.Splits)
            {
                var index = IndexOf(h, split.Date);
                if (index == 0)
                {
                    continue;
                }

                // The open lands near the previous close divided by the ratio; only the overnight gap remains.
                var gap = (double)h.Open[index] * split.Ratio / (double)h.Close[index - 1];
                Assert.InRange(gap, 0.85, 1.18);
                seen++;
            }
        }

        Assert.True(seen > 100, $"only {seen} splits checked");
    }

    [Fact]
    public void History_DailyReturnsOfDifferentSymbols_AreCorrelatedThroughTheMarketFactor()
    {
        var market = TestCalendar.Market();
        var returns = TestCalendar.Universe(20)
            .Select(i => market.History(i, new DateOnly(2015, 1, 1), new DateOnly(2019, 12, 31)))
            .Select(LogReturnsWithoutCorporateActions)
            .ToArray();

        var correlations = new List<double>();
        for (var a = 0; a < returns.Length; a++)
        {
            for (var b = a + 1; b < returns.Length; b++)
            {
                correlations.Add(Correlation(returns[a], returns[b]));
            }
        }

        Assert.InRange(correlations.Average(), 0.1, 0.8);
    }

    private static int IndexOf(SimulatedHistory history, DateOnly date)
    {
        for (var i = 0; i < history.Dates.Count; i++)
        {
            if (history.Dates[i] == date)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"{date} is not in the history");
    }

    /// <summary>Close-to-close log returns, zeroed on split and ex-dividend days so actions do not pollute them.</summary>
    private static double[] LogReturnsWithoutCorporateActions(SimulatedHistory history)
    {
        var actionDays = history.Splits.Select(s => s.Date).Concat(history.Dividends.Select(d => d.ExDate)).ToHashSet();
        var result = new double[history.Dates.Count - 1];
        for (var i = 1; i < history.Dates.Count; i++)
        {
            result[i - 1] = actionDays.Contains(history.Dates[i])
                ? 0.0
                : Math.Log((double)history.Close[i] / (double)history.Close[i - 1]);
        }

        return result;
    }

    private static double Correlation(double[] x, double[] y)
    {
        double meanX = x.Average(), meanY = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - meanX) * (y[i] - meanY);
            sxx += (x[i] - meanX) * (x[i] - meanX);
            syy += (y[i] - meanY) * (y[i] - meanY);
        }

        return sxy / Math.Sqrt(sxx * syy);
    }
}
