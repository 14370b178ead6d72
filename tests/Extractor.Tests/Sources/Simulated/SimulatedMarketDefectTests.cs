namespace StockLakehouse.Extractor.Tests.Sources.Simulated;

public sealed class SimulatedMarketDefectTests
{
    private static readonly DateOnly _from = new(2023, 1, 1);
    private static readonly DateOnly _to = new(2024, 12, 31);

    [Fact]
    public void ChartJson_HundredSymbolsTwoYears_NullDefectsAtDocumentedRateAndExactlyWhereHistorySays()
    {
        var market = TestCalendar.Market();
        var bars = 0;
        var nullDefects = 0;
        var kinds = new HashSet<DefectKind>();
        foreach (var instrument in TestCalendar.Universe(100))
        {
            var history = market.History(instrument, _from, _to);
            var payload = ChartPayload.Parse(market.ChartJson(instrument, _from, _to));
            bars += history.Dates.Count;
            var byIndex = history.Defects.Where(d => d.Kind != DefectKind.DuplicatedTrailingBar).ToDictionary(d => d.Index, d => d.Kind);
            nullDefects += byIndex.Count;
            kinds.UnionWith(byIndex.Values);

            for (var i = 0; i < history.Dates.Count; i++)
            {
                var kind = byIndex.TryGetValue(i, out var k) ? k : (DefectKind?)null;
                Assert.Equal(kind is DefectKind.NullBar or DefectKind.NullOpen, payload.Open[i] is null);
                Assert.Equal(kind is DefectKind.NullBar or DefectKind.NullHigh, payload.High[i] is null);
                Assert.Equal(kind is DefectKind.NullBar or DefectKind.NullLow, payload.Low[i] is null);
                Assert.Equal(kind is DefectKind.NullBar or DefectKind.NullClose, payload.Close[i] is null);
                Assert.Equal(kind is DefectKind.NullBar or DefectKind.NullClose, payload.AdjClose[i] is null);
                Assert.Equal(kind is DefectKind.NullBar or DefectKind.NullVolume, payload.Volume[i] is null);
            }
        }

        // A binomial count: for ~52,000 bars at 1/1000 the expectation is ~52 with a standard deviation of ~7.
        var expected = bars * SimulatedMarket.NullDefectRatePerBar;
        Assert.InRange(nullDefects, expected * 0.6, expected * 1.4);
        Assert.Contains(DefectKind.NullBar, kinds);
        Assert.Contains(DefectKind.NullClose, kinds);
    }

    [Fact]
    public void ChartJson_HundredSymbolsTwoYearsManyWindowEnds_DuplicatedTrailingBarsAtDocumentedRate()
    {
        var market = TestCalendar.Market();
        var payloads = 0;
        var duplicates = 0;
        foreach (var instrument in TestCalendar.Universe(100))
        {
            // Ten window ends per symbol: the decision is per (symbol, last session), so each is a fresh trial.
            for (var month = 3; month <= 24; month += 2)
            {
                var to = _from.AddMonths(month).AddDays(-1);
                var history = market.History(instrument, _from, to);
                payloads++;
                duplicates += history.Defects.Count(d => d.Kind == DefectKind.DuplicatedTrailingBar);
            }
        }

        var expected = payloads * SimulatedMarket.DuplicatedTrailingBarRatePerPayload;
        Assert.InRange(duplicates, expected * 0.5, expected * 1.6);
    }

    [Fact]
    public void ChartJson_DuplicatedTrailingBar_RepeatsTheLastDayLaterTheSameNewYorkDate()
    {
        var market = TestCalendar.Market();
        var seen = 0;
        foreach (var instrument in TestCalendar.Universe(100))
        {
            var history = market.History(instrument, _from, _to);
            var defect = history.Defects.SingleOrDefault(d => d.Kind == DefectKind.DuplicatedTrailingBar);
            if (defect is null)
            {
                continue;
            }

            seen++;
            var payload = ChartPayload.Parse(market.ChartJson(instrument, _from, _to));
            var n = history.Dates.Count;
            Assert.Equal(n, defect.Index);
            Assert.Equal(n + 1, payload.Timestamps.Length);

            var last = payload.Timestamps[n - 1];
            var live = payload.Timestamps[n];
            Assert.InRange(live - last, 3600, 6 * 3600 + 1800);
            Assert.Equal(history.Dates[^1], DateOnly.FromDateTime(TestCalendar.NewYorkTime(live)));

            Assert.NotEqual(payload.Close[n - 1], payload.Close[n]);
            Assert.NotEqual(payload.Volume[n - 1], payload.Volume[n]);
            Assert.Equal(payload.Close[n], payload.AdjClose[n]);
            Assert.True(payload.High[n] >= payload.Close[n] && payload.Low[n] <= payload.Close[n]);
            Assert.Equal(live, payload.Meta.GetProperty("regularMarketTime").GetInt64());
        }

        Assert.True(seen > 0, "no duplicated bar among 100 symbols");
    }

    [Fact]
    public void ChartJson_InjectDefectsFalse_HasNoNullsNoDuplicatesAndNoDefects()
    {
        var market = TestCalendar.Market(injectDefects: false);
        foreach (var instrument in TestCalendar.Universe(100))
        {
            var history = market.History(instrument, _from, _to);
            var payload = ChartPayload.Parse(market.ChartJson(instrument, _from, _to));

            Assert.Empty(history.Defects);
            Assert.Equal(history.Dates.Count, payload.Timestamps.Length);
            Assert.DoesNotContain(null, payload.Open);
            Assert.DoesNotContain(null, payload.High);
            Assert.DoesNotContain(null, payload.Low);
            Assert.DoesNotContain(null, payload.Close);
            Assert.DoesNotContain(null, payload.AdjClose);
            Assert.DoesNotContain(null, payload.Volume);
        }
    }

    [Fact]
    public void History_InjectDefectsOnOrOff_TruePricesAreIdentical()
    {
        var withDefects = TestCalendar.Market();
        var clean = TestCalendar.Market(injectDefects: false);
        foreach (var instrument in TestCalendar.Universe(10))
        {
            Assert.Equal(clean.History(instrument, _from, _to).Close, withDefects.History(instrument, _from, _to).Close);
        }
    }
}
