using System.Globalization;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Payloads.Yahoo;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Jobs.Silver;

/// <summary>
/// Reads one Yahoo chart v8 object into as-traded bars with their dividends and splits.
/// </summary>
/// <remarks>
/// Yahoo's quote arrays are divided (volumes multiplied) by every split that happened after the bar up to
/// the payload's end, and dividend amounts are split-adjusted the same way; multiplying back by the product
/// of the later splits' ratios in the same payload recovers the as-traded values, which do not depend on
/// when the payload was fetched. Within one payload a repeated trade date keeps the bar stamped at the session
/// open (the official daily bar) and quarantines the other.
/// </remarks>
internal sealed class YahooChartBars
{
    private readonly NyseCalendar _calendar;
    private readonly BarRules _rules;

    public YahooChartBars(NyseCalendar calendar, BarRules rules)
    {
        _calendar = calendar;
        _rules = rules;
    }

    /// <summary>
    /// Appends the object's valid bars to <paramref name="bars"/>, one per trade date, and its rejects to
    /// <paramref name="rejects"/>, in the payload's order.
    /// </summary>
    public void Read(Symbol symbol, RawChartObject raw, RawObjectMetadata metadata, List<SilverBar> bars, List<QuarantineRecord> rejects, ref int input)
    {
        void RejectPayload(string reason, string detail) =>
            rejects.Add(new QuarantineRecord(LakeNames.DailyBar, symbol.Value, raw.Key, null, null, reason, detail));

        var parsed = YahooChartParser.Parse(raw.Body);
        if (!parsed.IsSuccess)
        {
            RejectPayload(parsed.Rejection.Reason, parsed.Rejection.Detail);
            return;
        }

        var chart = parsed.Value;
        input += chart.Count;
        if (!Symbol.TryParse(chart.Meta.Symbol, out var payloadSymbol) || payloadSymbol != symbol)
        {
            RejectPayload(RejectReason.SymbolMismatch, $"The payload is for '{chart.Meta.Symbol}', not {symbol}.");
            return;
        }

        if (string.IsNullOrWhiteSpace(chart.Meta.Currency))
        {
            RejectPayload(RejectReason.MissingCurrency, "meta.currency is missing.");
            return;
        }

        var currency = chart.Meta.Currency;
        var timeZone = TimeZoneOf(chart.Meta.ExchangeTimezoneName);
        var splitDates = chart.Splits.Select(s => DateOf(s.Timestamp, timeZone)).ToArray();
        var dates = ZoneDates.Of(timeZone);

        // Where each trade date's bar sits in bars: the payload's bars are appended, so a repeated date replaces its slot.
        var slots = new Dictionary<DateOnly, int>(chart.Count);
        for (var i = 0; i < chart.Count; i++)
        {
            var date = dates.DateOf(chart.Timestamps[i]);
            var factor = LaterSplitFactor(chart, splitDates, date);
            var prices = new BarPrices(chart.Open[i], chart.High[i], chart.Low[i], chart.Close[i], chart.Volume[i]);
            if (!_rules.Validate(prices, date, metadata, factor, exactRange: true, out var valid, out var rejection))
            {
                rejects.Add(new QuarantineRecord(LakeNames.DailyBar, symbol.Value, raw.Key, i, date, rejection.Reason, rejection.Detail));
                continue;
            }

            var adj = chart.AdjClose is { } a ? a[i] : double.NaN;
            var atOpen = _calendar.SessionOpenUtc(date)?.ToUnixTimeSeconds() == chart.Timestamps[i];
            var bar = new SilverBar(date, i, atOpen, valid.Open, valid.High, valid.Low, valid.Close, adj, (long)Math.Round(valid.Volume / factor), 0, 1, currency, LakeNames.Yahoo, raw.IngestDate, raw.Key);

            if (slots.TryGetValue(date, out var slot))
            {
                // Keep the official session bar; a second bar of the same date is a live snapshot.
                var previous = bars[slot];
                var (kept, dropped) = previous.AtSessionOpen && !bar.AtSessionOpen ? (previous, bar) : (bar, previous);
                bars[slot] = kept;
                rejects.Add(new QuarantineRecord(
                    LakeNames.DailyBar,
                    symbol.Value,
                    raw.Key,
                    dropped.Index,
                    date,
                    RejectReason.DuplicateBar,
                    string.Create(CultureInfo.InvariantCulture, $"Trade date {date:yyyy-MM-dd} appears twice in the payload (indexes {previous.Index} and {bar.Index}); kept index {kept.Index}.")));
            }
            else
            {
                slots.Add(date, bars.Count);
                bars.Add(bar);
            }
        }

        AttachEvents(symbol, raw, chart, timeZone, splitDates, bars, slots, rejects);
    }

    private static void AttachEvents(Symbol symbol, RawChartObject raw, YahooChart chart, TimeZoneInfo timeZone, DateOnly[] splitDates, List<SilverBar> bars, Dictionary<DateOnly, int> slots, List<QuarantineRecord> rejects)
    {
        foreach (var dividend in chart.Dividends)
        {
            var date = DateOf(dividend.Timestamp, timeZone);
            if (!(dividend.Amount > 0))
            {
                rejects.Add(new QuarantineRecord(LakeNames.DailyBar, symbol.Value, raw.Key, null, date, RejectReason.InvalidEvent, string.Create(CultureInfo.InvariantCulture, $"Dividend amount {dividend.Amount} is not positive.")));
            }
            else if (slots.TryGetValue(date, out var slot))
            {
                var bar = bars[slot];
                bars[slot] = bar with { Dividend = bar.Dividend + Math.Round(dividend.Amount * LaterSplitFactor(chart, splitDates, date), 6) };
            }
            else
            {
                rejects.Add(new QuarantineRecord(LakeNames.DailyBar, symbol.Value, raw.Key, null, date, RejectReason.EventWithoutBar, "A dividend goes ex on a date with no valid bar in the payload."));
            }
        }

        for (var s = 0; s < chart.Splits.Count; s++)
        {
            var split = chart.Splits[s];
            var date = splitDates[s];
            if (!(split.Numerator > 0 && split.Denominator > 0))
            {
                rejects.Add(new QuarantineRecord(LakeNames.DailyBar, symbol.Value, raw.Key, null, date, RejectReason.InvalidEvent, string.Create(CultureInfo.InvariantCulture, $"Split {split.Numerator}:{split.Denominator} is not a positive ratio.")));
            }
            else if (slots.TryGetValue(date, out var slot))
            {
                var bar = bars[slot];
                bars[slot] = bar with { SplitRatio = bar.SplitRatio * split.Ratio };
            }
            else
            {
                rejects.Add(new QuarantineRecord(LakeNames.DailyBar, symbol.Value, raw.Key, null, date, RejectReason.EventWithoutBar, "A split is effective on a date with no valid bar in the payload."));
            }
        }
    }

    /// <summary>The product of the ratios of the payload's splits effective after <paramref name="date"/>.</summary>
    private static double LaterSplitFactor(YahooChart chart, DateOnly[] splitDates, DateOnly date)
    {
        var factor = 1.0;
        for (var s = 0; s < splitDates.Length; s++)
        {
            var split = chart.Splits[s];
            if (splitDates[s] > date && split.Numerator > 0 && split.Denominator > 0)
            {
                factor *= split.Ratio;
            }
        }

        return factor;
    }

    private static DateOnly DateOf(long epochSeconds, TimeZoneInfo timeZone) => ZoneDates.Of(timeZone).DateOf(epochSeconds);

    private static TimeZoneInfo TimeZoneOf(string? name)
    {
        if (name is not null && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone))
        {
            return zone;
        }

        return NyseCalendar.Instance.TimeZone;
    }
}
