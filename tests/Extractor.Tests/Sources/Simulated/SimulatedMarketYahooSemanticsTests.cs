namespace StockLakehouse.Extractor.Tests.Sources.Simulated;

/// <summary>
/// Checks the payload against Yahoo's adjustment rules using only what a consumer sees (the payload's own
/// events and closes), compared with the simulator's as-traded truth.
/// </summary>
public sealed class SimulatedMarketYahooSemanticsTests
{
    // Relative error of rounding a double to float32 is at most 2^-24; allow a few roundings.
    private const double Float32Tolerance = 4.0 / (1 << 24);

    /// <summary>
    /// A two-year window containing at least one split and one dividend with bars on both sides, found by
    /// scanning the synthetic universe (deterministic for the default seed).
    /// </summary>
    internal static (SimulatedInstrument Instrument, DateOnly From, DateOnly To) WindowWithSplitAndDividend(SimulatedMarket market)
    {
        foreach (var instrument in TestCalendar.Universe(100))
        {
            for (var year = 2005; year <= 2023; year += 2)
            {
                var from = new DateOnly(year, 1, 1);
                var to = new DateOnly(year + 1, 12, 31);
                var history = market.History(instrument, from, to);
                var lastSplit = history.Splits.LastOrDefault();
                if (lastSplit is not null
                    && history.Dividends.Any(d => d.ExDate < lastSplit.Date)
                    && history.Dividends.Count >= 3
                    && lastSplit.Date > history.Dates[0])
                {
                    return (instrument, from, to);
                }
            }
        }

        throw new InvalidOperationException("No symbol in the universe has a split and dividends in one window.");
    }

    [Fact]
    public void ChartJson_WindowWithSplit_QuoteTimesLaterSplitRatiosIsTheAsTradedPrice()
    {
        var market = TestCalendar.Market(injectDefects: false);
        var (instrument, from, to) = WindowWithSplitAndDividend(market);
        var history = market.History(instrument, from, to);
        var payload = ChartPayload.Parse(market.ChartJson(instrument, from, to));

        Assert.NotEmpty(payload.Splits);
        var adjustedBars = 0;
        for (var i = 0; i < history.Dates.Count; i++)
        {
            var factor = payload.SplitFactorAfter(payload.Timestamps[i]);
            if (factor != 1.0)
            {
                adjustedBars++;
            }

            AssertRelative((double)history.Close[i], payload.Close[i]!.Value * factor);
            AssertRelative((double)history.Open[i], payload.Open[i]!.Value * factor);
            AssertRelative((double)history.High[i], payload.High[i]!.Value * factor);
            AssertRelative((double)history.Low[i], payload.Low[i]!.Value * factor);

            // Volumes are multiplied by the ratio and rounded to whole shares.
            var slack = (0.5 / factor) + 1e-6;
            Assert.InRange(payload.Volume[i]!.Value / factor, history.Volume[i] - slack, history.Volume[i] + slack);
        }

        Assert.True(adjustedBars > 0);
    }

    [Fact]
    public void ChartJson_WindowWithSplit_AdjcloseMatchesRecomputationFromPayloadEvents()
    {
        var market = TestCalendar.Market(injectDefects: false);
        var (instrument, from, to) = WindowWithSplitAndDividend(market);
        var payload = ChartPayload.Parse(market.ChartJson(instrument, from, to));

        AssertAdjcloseFollowsYahooRule(payload);
    }

    [Fact]
    public void ChartJson_ManyPayersWithoutDefects_AdjcloseMatchesRecomputationFromPayloadEvents()
    {
        var market = TestCalendar.Market(injectDefects: false);
        var checkedDividends = 0;
        foreach (var instrument in TestCalendar.Universe(30))
        {
            var payload = ChartPayload.Parse(market.ChartJson(instrument, new DateOnly(2014, 1, 1), new DateOnly(2024, 12, 31)));
            checkedDividends += AssertAdjcloseFollowsYahooRule(payload);
        }

        Assert.True(checkedDividends > 100, $"only {checkedDividends} dividends exercised");
    }

    [Fact]
    public void ChartJson_DividendAmounts_AreSplitAdjustedAsTradedAmounts()
    {
        var market = TestCalendar.Market(injectDefects: false);
        var (instrument, from, to) = WindowWithSplitAndDividend(market);
        var history = market.History(instrument, from, to);
        var payload = ChartPayload.Parse(market.ChartJson(instrument, from, to));

        Assert.Equal(history.Dividends.Count, payload.Dividends.Count);
        for (var k = 0; k < history.Dividends.Count; k++)
        {
            var factor = payload.SplitFactorAfter(payload.Dividends[k].Date);
            Assert.Equal((double)history.Dividends[k].Amount, payload.Dividends[k].Amount * factor, 1e-5);
        }

        Assert.Contains(payload.Dividends, d => payload.SplitFactorAfter(d.Date) != 1.0);
    }

    [Fact]
    public void ChartJson_PayerWithoutSplits_QuoteCloseIsNotDividendAdjusted()
    {
        var market = TestCalendar.Market(injectDefects: false);
        var from = new DateOnly(2023, 1, 1);
        var to = new DateOnly(2024, 12, 31);
        var instrument = TestCalendar.Universe(100)
            .First(i => market.History(i, from, to) is { Splits.Count: 0, Dividends.Count: > 4 });
        var history = market.History(instrument, from, to);
        var payload = ChartPayload.Parse(market.ChartJson(instrument, from, to));

        for (var i = 0; i < history.Dates.Count; i++)
        {
            Assert.Equal((double)(float)(double)history.Close[i], payload.Close[i]);
        }

        // …whereas adjclose is below close before the last ex-date.
        Assert.True(payload.AdjClose[0] < payload.Close[0]);
        Assert.Equal(payload.Close[^1], payload.AdjClose[^1]);
    }

    /// <summary>
    /// adjclose[i] = close[i] × Π over dividends dated after bar i of (1 − amount / close of the bar before the
    /// ex-date), using the payload's own numbers. Returns the number of dividends that adjusted some bar.
    /// </summary>
    private static int AssertAdjcloseFollowsYahooRule(ChartPayload payload)
    {
        var indexOf = payload.Timestamps.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i);
        var factors = payload.Dividends
            .Where(d => indexOf[d.Date] > 0)
            .Select(d => (d.Date, Factor: 1.0 - (d.Amount / payload.Close[indexOf[d.Date] - 1]!.Value)))
            .ToArray();

        for (var i = 0; i < payload.Timestamps.Length; i++)
        {
            var expected = payload.Close[i]!.Value;
            foreach (var (date, factor) in factors)
            {
                if (date > payload.Timestamps[i])
                {
                    expected *= factor;
                }
            }

            AssertRelative(expected, payload.AdjClose[i]!.Value);
        }

        return factors.Length;
    }

    private static void AssertRelative(double expected, double actual) =>
        Assert.True(
            Math.Abs(expected - actual) <= Math.Abs(expected) * Float32Tolerance,
            $"expected {expected:R}, got {actual:R}");
}
