using System.Security.Cryptography;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Domain;

namespace StockLakehouse.Extractor.Tests.Sources.Simulated;

public sealed class SimulatedMarketDeterminismTests
{
    private static readonly DateOnly _from = new(2022, 1, 1);
    private static readonly DateOnly _to = new(2023, 12, 31);

    [Fact]
    public void ChartJson_SameSeedInSeparateMarkets_IsByteIdentical()
    {
        var first = TestCalendar.Market(seed: 7);
        var second = TestCalendar.Market(seed: 7);

        foreach (var instrument in TestCalendar.Universe(20))
        {
            Assert.Equal(first.ChartJson(instrument, _from, _to), second.ChartJson(instrument, _from, _to));
        }
    }

    /// <summary>
    /// The bytes of one ten-year answer of the default market (seed 42, defects on, the NYSE calendar), pinned: the
    /// generator and the writer may get faster, never different, since every lake built from the simulated market
    /// would change with them. The hash is the body the extract landed before the generator skipped unused draws.
    /// </summary>
    [Fact]
    public void ChartJson_TenYearWindowOfTheDefaultMarket_KeepsItsBytes()
    {
        var calendar = NyseCalendar.Instance;
        var market = new SimulatedMarket(
            new SimulationOptions(42),
            (from, to) => calendar.TradingDays(from, to).ToArray(),
            day => calendar.SessionOpenUtc(day)!.Value);
        var instrument = new SimulatedInstrument(Symbol.Parse("S00002"), "NYQ", "New York Stock Exchange", "USD");

        var body = market.ChartJson(instrument, new DateOnly(2016, 1, 1), new DateOnly(2025, 12, 31));

        Assert.Equal("32172c1bdfc984f451772013a554d9040cbb93cbbe99efd418d32ef17cccc8b2", Convert.ToHexStringLower(SHA256.HashData(body)));
    }

    [Fact]
    public void ChartJson_DifferentSeed_DiffersForEverySymbol()
    {
        var first = TestCalendar.Market(seed: 7);
        var second = TestCalendar.Market(seed: 8);

        foreach (var instrument in TestCalendar.Universe(20))
        {
            Assert.NotEqual(first.ChartJson(instrument, _from, _to), second.ChartJson(instrument, _from, _to));
        }
    }

    [Fact]
    public void History_DifferentSymbolsSameSeed_HaveDifferentPaths()
    {
        var market = TestCalendar.Market();

        var closes = TestCalendar.Universe(20)
            .Select(i => string.Join(',', market.History(i, _from, _to).Close))
            .ToHashSet();

        Assert.Equal(20, closes.Count);
    }

    [Fact]
    public void History_OverlappingWindows_AgreeOnEverySharedDate()
    {
        var market = TestCalendar.Market();
        foreach (var instrument in TestCalendar.Universe(25))
        {
            var early = market.History(instrument, new DateOnly(2019, 3, 1), new DateOnly(2021, 6, 30));
            var late = market.History(instrument, new DateOnly(2020, 7, 1), new DateOnly(2022, 12, 31));

            var lateIndex = late.Dates.Select((d, i) => (d, i)).ToDictionary(p => p.d, p => p.i);
            var shared = 0;
            for (var i = 0; i < early.Dates.Count; i++)
            {
                if (lateIndex.TryGetValue(early.Dates[i], out var j))
                {
                    shared++;
                    Assert.Equal(early.Close[i], late.Close[j]);
                    Assert.Equal(early.Open[i], late.Open[j]);
                    Assert.Equal(early.High[i], late.High[j]);
                    Assert.Equal(early.Low[i], late.Low[j]);
                    Assert.Equal(early.Volume[i], late.Volume[j]);
                }
            }

            Assert.True(shared > 250, $"{instrument.Symbol}: only {shared} shared dates");
        }
    }

    [Fact]
    public void History_LaterWindowRequestedFirst_PricesTheSameAsFreshMarket()
    {
        // The session table grows as later dates are requested; the order of requests must not matter.
        var instrument = TestCalendar.Instrument("ORDR");
        var fresh = TestCalendar.Market().History(instrument, new DateOnly(2010, 1, 1), new DateOnly(2010, 12, 31));

        var warmed = TestCalendar.Market();
        warmed.History(instrument, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));
        var afterWarm = warmed.History(instrument, new DateOnly(2010, 1, 1), new DateOnly(2010, 12, 31));

        Assert.Equal(fresh.Dates, afterWarm.Dates);
        Assert.Equal(fresh.Close, afterWarm.Close);
        Assert.Equal(fresh.Volume, afterWarm.Volume);
    }

    [Fact]
    public void ChartJson_ConcurrentRequestsWithGrowingWindowEnds_MatchSequentialResults()
    {
        // Requests race to extend the shared session table; none may see a torn or different table.
        var instruments = TestCalendar.Universe(40);
        var ends = instruments.Select((_, i) => new DateOnly(2015, 1, 1).AddMonths(i * 3)).ToArray();
        var sequential = TestCalendar.Market();
        var expected = instruments.Select((inst, i) => sequential.ChartJson(inst, new DateOnly(2014, 1, 1), ends[i])).ToArray();

        var concurrent = TestCalendar.Market();
        var actual = new byte[instruments.Count][];
        Parallel.For(0, instruments.Count, i => actual[i] = concurrent.ChartJson(instruments[i], new DateOnly(2014, 1, 1), ends[i]));

        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }
    }

    [Fact]
    public void History_NullDefectDates_AreTheSameInOverlappingWindows()
    {
        var market = TestCalendar.Market();
        var checkedDefects = 0;
        foreach (var instrument in TestCalendar.Universe(100))
        {
            var wide = market.History(instrument, new DateOnly(2020, 1, 1), new DateOnly(2023, 12, 31));
            var narrow = market.History(instrument, new DateOnly(2021, 1, 1), new DateOnly(2022, 12, 31));

            var wideNulls = NullDefectsByDate(wide).Where(p => p.Key >= narrow.Dates[0] && p.Key <= narrow.Dates[^1]);
            Assert.Equal(wideNulls.OrderBy(p => p.Key), NullDefectsByDate(narrow).OrderBy(p => p.Key));
            checkedDefects += NullDefectsByDate(narrow).Count;
        }

        Assert.True(checkedDefects > 0, "no null defects in the narrow windows, nothing was compared");
    }

    private static Dictionary<DateOnly, DefectKind> NullDefectsByDate(SimulatedHistory history) =>
        history.Defects
            .Where(d => d.Index < history.Dates.Count)
            .ToDictionary(d => history.Dates[d.Index], d => d.Kind);
}
