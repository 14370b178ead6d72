using System.Globalization;
using System.Text.Json;

namespace StockLakehouse.Extractor.Tests.Sources.Simulated;

public sealed class SimulatedMarketChartJsonTests
{
    private static readonly DateOnly _from = new(2023, 1, 1);
    private static readonly DateOnly _to = new(2024, 12, 31);

    [Fact]
    public void ChartJson_Window_HasYahooEnvelopeAndMeta()
    {
        var instrument = new SimulatedInstrument(Core.Domain.Symbol.Parse("IBM"), "NYQ", "NYSE", "USD");

        var payload = ChartPayload.Parse(TestCalendar.Market(injectDefects: false).ChartJson(instrument, _from, _to));

        var meta = payload.Meta;
        Assert.Equal("USD", meta.GetProperty("currency").GetString());
        Assert.Equal("IBM", meta.GetProperty("symbol").GetString());
        Assert.Equal("NYQ", meta.GetProperty("exchangeName").GetString());
        Assert.Equal("NYSE", meta.GetProperty("fullExchangeName").GetString());
        Assert.Equal("EQUITY", meta.GetProperty("instrumentType").GetString());
        Assert.Equal("America/New_York", meta.GetProperty("exchangeTimezoneName").GetString());
        Assert.Equal(2, meta.GetProperty("priceHint").GetInt32());
        Assert.Equal("1d", meta.GetProperty("dataGranularity").GetString());
        Assert.Equal(string.Empty, meta.GetProperty("range").GetString());
        Assert.Contains("max", meta.GetProperty("validRanges").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(TestCalendar.SessionOpenEpoch(SimulationOptions.DefaultGenesis), meta.GetProperty("firstTradeDate").GetInt64());

        // The live price is the last close, stamped at that day's 16:00 close.
        Assert.Equal(payload.Close[^1]!.Value, meta.GetProperty("regularMarketPrice").GetDouble(), 1e-4);
        Assert.Equal(payload.Timestamps[^1] + (6 * 3600) + 1800, meta.GetProperty("regularMarketTime").GetInt64());
        Assert.True(meta.GetProperty("chartPreviousClose").GetDouble() > 0);
    }

    [Fact]
    public void ChartJson_Window_ArraysAreAlignedWithTimestamps()
    {
        var market = TestCalendar.Market();
        foreach (var instrument in TestCalendar.Universe(20))
        {
            var history = market.History(instrument, _from, _to);
            var payload = ChartPayload.Parse(market.ChartJson(instrument, _from, _to));

            var expected = history.Dates.Count + history.Defects.Count(d => d.Kind == DefectKind.DuplicatedTrailingBar);
            Assert.Equal(expected, payload.Timestamps.Length);
            Assert.Equal(expected, payload.Open.Length);
            Assert.Equal(expected, payload.High.Length);
            Assert.Equal(expected, payload.Low.Length);
            Assert.Equal(expected, payload.Close.Length);
            Assert.Equal(expected, payload.Volume.Length);
            Assert.Equal(expected, payload.AdjClose.Length);
        }
    }

    [Fact]
    public void ChartJson_Timestamps_AreTheNineThirtyNewYorkOpenOfEachTradingDay()
    {
        var market = TestCalendar.Market(injectDefects: false);
        var instrument = TestCalendar.Instrument("TIME");

        // Spans both 2024 daylight-saving changes (10 March, 3 November).
        var from = new DateOnly(2024, 1, 1);
        var to = new DateOnly(2024, 12, 31);
        var history = market.History(instrument, from, to);
        var payload = ChartPayload.Parse(market.ChartJson(instrument, from, to));

        Assert.Equal(history.Dates.Count, payload.Timestamps.Length);
        for (var i = 0; i < payload.Timestamps.Length; i++)
        {
            var local = TestCalendar.NewYorkTime(payload.Timestamps[i]);
            Assert.Equal(history.Dates[i], DateOnly.FromDateTime(local));
            Assert.Equal(new TimeOnly(9, 30), TimeOnly.FromDateTime(local));
        }

        // 14:30 UTC in winter (Monday 1 January: the test calendar has no holidays), 13:30 UTC in summer.
        Assert.Equal(1704119400, payload.Timestamps[0]);
        Assert.Contains(1720013400L, payload.Timestamps);
    }

    [Theory]
    [InlineData(2024, 1, 12, -18000, "EST")]
    [InlineData(2024, 7, 12, -14400, "EDT")]
    public void ChartJson_WindowEnd_GmtOffsetAndTimezoneFollowDaylightSaving(int year, int month, int day, int offset, string zone)
    {
        var to = new DateOnly(year, month, day);

        var payload = ChartPayload.Parse(TestCalendar.Market().ChartJson(TestCalendar.Instrument("DST"), to.AddDays(-20), to));

        Assert.Equal(offset, payload.Meta.GetProperty("gmtoffset").GetInt32());
        Assert.Equal(zone, payload.Meta.GetProperty("timezone").GetString());
    }

    [Fact]
    public void ChartJson_WindowWithActions_EventsAreKeyedByTimestampStrings()
    {
        var market = TestCalendar.Market();
        var from = new DateOnly(2005, 1, 1);
        var dividendsSeen = 0;
        var splitsSeen = 0;
        foreach (var instrument in TestCalendar.Universe(30))
        {
            var history = market.History(instrument, from, _to);
            var payload = ChartPayload.Parse(market.ChartJson(instrument, from, _to));
            var timestamps = payload.Timestamps.ToHashSet();

            Assert.Equal(history.Dividends.Count + history.Splits.Count > 0, payload.HasEvents);
            Assert.Equal(history.Dividends.Select(d => TestCalendar.SessionOpenEpoch(d.ExDate)), payload.Dividends.Select(d => d.Date));
            Assert.Equal(history.Splits.Select(s => TestCalendar.SessionOpenEpoch(s.Date)), payload.Splits.Select(s => s.Date));
            foreach (var dividend in payload.Dividends)
            {
                Assert.True(dividend.KeyMatchesDate, dividend.Key);
                Assert.Contains(dividend.Date, timestamps);
                Assert.True(dividend.Amount > 0);
                dividendsSeen++;
            }

            foreach (var split in payload.Splits)
            {
                Assert.True(split.KeyMatchesDate, split.Key);
                Assert.Contains(split.Date, timestamps);
                Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{split.Numerator}:{split.Denominator}"), split.SplitRatio);
                var truth = history.Splits.Single(s => TestCalendar.SessionOpenEpoch(s.Date) == split.Date);
                Assert.Equal((truth.Numerator, truth.Denominator), (split.Numerator, split.Denominator));
                splitsSeen++;
            }
        }

        Assert.True(dividendsSeen > 100 && splitsSeen > 10, $"{dividendsSeen} dividends, {splitsSeen} splits");
    }

    [Fact]
    public void ChartJson_EventsObject_HasDividendsAndSplitsFieldsInYahooOrder()
    {
        var (instrument, from, to) = SimulatedMarketYahooSemanticsTests.WindowWithSplitAndDividend(TestCalendar.Market());
        var json = TestCalendar.Market().ChartJson(instrument, from, to);

        using var document = JsonDocument.Parse(json);
        var events = document.RootElement.GetProperty("chart").GetProperty("result")[0].GetProperty("events");
        var dividend = events.GetProperty("dividends").EnumerateObject().First().Value;
        Assert.Equal(["amount", "date"], dividend.EnumerateObject().Select(p => p.Name));
        var split = events.GetProperty("splits").EnumerateObject().First().Value;
        Assert.Equal(["date", "numerator", "denominator", "splitRatio"], split.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["meta", "timestamp", "events", "indicators"],
            document.RootElement.GetProperty("chart").GetProperty("result")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void ChartJson_WindowWithoutActions_OmitsEvents()
    {
        var market = TestCalendar.Market();
        var found = false;
        foreach (var instrument in TestCalendar.Universe(50))
        {
            var from = new DateOnly(2024, 6, 3);
            var to = new DateOnly(2024, 6, 14);
            var history = market.History(instrument, from, to);
            if (history.Dividends.Count == 0 && history.Splits.Count == 0)
            {
                Assert.False(ChartPayload.Parse(market.ChartJson(instrument, from, to)).HasEvents);
                found = true;
            }
        }

        Assert.True(found);
    }

    [Fact]
    public void ChartJson_WeekendWindow_IsYahooEmptyShape()
    {
        var market = TestCalendar.Market();
        var instrument = TestCalendar.Instrument("EMPTY");
        var json = market.ChartJson(instrument, new DateOnly(2024, 1, 6), new DateOnly(2024, 1, 7));

        using var document = JsonDocument.Parse(json);
        var chart = document.RootElement.GetProperty("chart");
        Assert.Equal(JsonValueKind.Null, chart.GetProperty("error").ValueKind);
        var result = chart.GetProperty("result")[0];
        Assert.False(result.TryGetProperty("timestamp", out _));
        Assert.False(result.TryGetProperty("events", out _));
        var quote = result.GetProperty("indicators").GetProperty("quote");
        Assert.Equal(1, quote.GetArrayLength());
        Assert.Empty(quote[0].EnumerateObject());

        // Meta still describes the instrument, priced at the last close before the window (Friday 5 January).
        var friday = market.History(instrument, new DateOnly(2024, 1, 5), new DateOnly(2024, 1, 5));
        var meta = result.GetProperty("meta");
        Assert.Equal("EMPTY", meta.GetProperty("symbol").GetString());
        Assert.Equal((double)friday.Close[0], meta.GetProperty("regularMarketPrice").GetDouble());
        Assert.Equal(TestCalendar.SessionOpenEpoch(new DateOnly(2024, 1, 5)) + 23400, meta.GetProperty("regularMarketTime").GetInt64());
    }

    [Fact]
    public void ChartJson_WindowBeforeGenesis_IsEmptyShape()
    {
        var payload = ChartPayload.Parse(TestCalendar.Market().ChartJson(TestCalendar.Instrument("OLD"), new DateOnly(1990, 1, 1), new DateOnly(1990, 12, 31)));

        Assert.False(payload.HasTimestamp);
        Assert.Empty(payload.Close);
        Assert.Equal(TestCalendar.SessionOpenEpoch(SimulationOptions.DefaultGenesis), payload.Meta.GetProperty("firstTradeDate").GetInt64());
    }

    [Fact]
    public void ChartJson_FromAfterTo_Throws()
    {
        Assert.Throws<ArgumentException>(() => TestCalendar.Market().ChartJson(TestCalendar.Instrument("BAD"), new DateOnly(2024, 2, 1), new DateOnly(2024, 1, 1)));
    }

    [Fact]
    public void ChartJson_Prices_AreFloat32ValuesAndVolumesIntegers()
    {
        var market = TestCalendar.Market();
        foreach (var instrument in TestCalendar.Universe(20))
        {
            var json = market.ChartJson(instrument, _from, _to);
            var payload = ChartPayload.Parse(json);
            foreach (var price in payload.Open.Concat(payload.High).Concat(payload.Low).Concat(payload.Close).Concat(payload.AdjClose))
            {
                if (price is { } p)
                {
                    Assert.Equal(p, (double)(float)p);
                }
            }

            // Volumes are JSON integers (GetInt64 in the parser would throw otherwise) and positive.
            Assert.All(payload.Volume.Where(v => v.HasValue), v => Assert.True(v > 0));
        }
    }

    [Fact]
    public void ChartJson_LastClose_IsWrittenAsItsFloat32Digits()
    {
        // Yahoo prints 187.15 as 187.14999389648438 (float32 widened); the last close must end its array so.
        var market = TestCalendar.Market(injectDefects: false);
        var instrument = TestCalendar.Instrument("DIGITS");
        var history = market.History(instrument, _from, _to);
        var text = System.Text.Encoding.UTF8.GetString(market.ChartJson(instrument, _from, _to));

        var close = history.Close[^1];
        var expected = ((double)(float)(double)close).ToString("R", CultureInfo.InvariantCulture);
        Assert.Contains($"{expected}]", text, StringComparison.Ordinal);
    }
}
