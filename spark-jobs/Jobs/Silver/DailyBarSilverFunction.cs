using System.Globalization;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Payloads.AlphaVantage;
using StockLakehouse.Core.Payloads.Yahoo;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Jobs.Silver;

/// <summary>
/// Bronze → silver for one symbol: parses every raw daily-bar object of the symbol (Yahoo chart v8 and
/// Alpha Vantage TIME_SERIES_DAILY), converts Yahoo's split-adjusted prices back to as-traded prices,
/// validates each bar, removes duplicates and keeps the latest ingest of each trade date, whichever source it
/// came from. Pure: the same objects give the same result on every engine.
/// </summary>
/// <remarks>
/// Yahoo's quote arrays are divided (volumes multiplied) by every split that happened after the bar up to
/// the payload's end, and dividend amounts are split-adjusted the same way; multiplying back by the product
/// of the later splits' ratios in the same payload recovers the as-traded values, which do not depend on
/// when the payload was fetched. Prices are rounded to 4 decimals to remove Yahoo's float32 noise.
/// Within one payload a repeated trade date keeps the bar stamped at the session open (the official
/// daily bar) and quarantines the other; across payloads the latest ingest wins (the later ingest date, and on
/// one ingest date the later fetch).
/// Alpha Vantage's free daily series is already as traded but carries no dividends, splits, adjusted close
/// or currency: a date won by an Alpha Vantage bar keeps the dividend and split of the latest Yahoo bar of
/// that date (none when there is none), and its currency is the company's reference currency. Alpha Vantage
/// has no date-range parameter (compact answers hold the last 100 sessions), so its bars before the
/// requested start are kept rather than quarantined.
/// </remarks>
public sealed class DailyBarSilverFunction
{
    public const string TableName = LakeNames.DailyBar;
    public const string SourceName = LakeNames.Yahoo;
    public const string AlphaVantageSourceName = LakeNames.AlphaVantage;

    private const int PriceDecimals = 4;

    private readonly NyseCalendar _calendar;

    public DailyBarSilverFunction(NyseCalendar calendar)
    {
        _calendar = calendar;
    }

    /// <param name="referenceCurrency">The company's currency from the reference data, for sources that give none (Alpha Vantage).</param>
    public SilverResult Process(Symbol symbol, IReadOnlyList<RawChartObject> objects, string? referenceCurrency = null)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var rejects = new List<QuarantineRecord>();
        var latest = new SortedDictionary<DateOnly, Bar>();
        var yahooEvents = new Dictionary<DateOnly, (double Dividend, double SplitRatio)>();
        var input = 0;
        var superseded = 0;
        // Latest ingest: by ingest date, then by fetch time within a day (a key's request-id hash says nothing about
        // when it was fetched), then by key so the order is total.
        foreach (var raw in objects
            .OrderBy(o => o.IngestDate)
            .ThenBy(o => o.Metadata?.FetchedAt ?? DateTimeOffset.MinValue)
            .ThenBy(o => o.Key, StringComparer.Ordinal))
        {
            foreach (var bar in ParseObject(symbol, raw, referenceCurrency, rejects, ref input))
            {
                if (latest.ContainsKey(bar.Date))
                {
                    superseded++;
                }

                latest[bar.Date] = bar;
                if (bar.Source == SourceName)
                {
                    yahooEvents[bar.Date] = (bar.Dividend, bar.SplitRatio);
                }
            }
        }

        var withoutEvents = latest.Values.Where(b => b.Source != SourceName && yahooEvents.ContainsKey(b.Date)).ToArray();
        foreach (var bar in withoutEvents)
        {
            var (dividend, splitRatio) = yahooEvents[bar.Date];
            latest[bar.Date] = bar with { Dividend = dividend, SplitRatio = splitRatio };
        }

        return new SilverResult(ToSeries(symbol, latest.Values), rejects, input, superseded);
    }

    private List<Bar> ParseObject(Symbol symbol, RawChartObject raw, string? referenceCurrency, List<QuarantineRecord> rejects, ref int input)
    {
        if (raw.Metadata is null)
        {
            rejects.Add(new QuarantineRecord(TableName, symbol.Value, raw.Key, null, null, RejectReason.MissingMetadata, "The raw object has no .meta.json beside it, so its requested range is unknown."));
            return [];
        }

        return raw.Metadata.Source == AlphaVantageSourceName
            ? ParseAlphaVantage(symbol, raw, raw.Metadata, referenceCurrency, rejects, ref input)
            : ParseYahoo(symbol, raw, raw.Metadata, rejects, ref input);
    }

    private List<Bar> ParseAlphaVantage(Symbol symbol, RawChartObject raw, RawObjectMetadata metadata, string? referenceCurrency, List<QuarantineRecord> rejects, ref int input)
    {
        var bars = new List<Bar>();
        void RejectPayload(string reason, string detail) =>
            rejects.Add(new QuarantineRecord(TableName, symbol.Value, raw.Key, null, null, reason, detail));

        var parsed = AlphaVantageDailyParser.Parse(raw.Body);
        if (!parsed.IsSuccess)
        {
            RejectPayload(parsed.Rejection.Reason, parsed.Rejection.Detail);
            return bars;
        }

        var series = parsed.Value;
        input += series.Count;
        if (!Symbol.TryParse(series.Symbol, out var payloadSymbol) || payloadSymbol != symbol)
        {
            RejectPayload(RejectReason.SymbolMismatch, $"The payload is for '{series.Symbol}', not {symbol}.");
            return bars;
        }

        if (string.IsNullOrWhiteSpace(referenceCurrency))
        {
            RejectPayload(RejectReason.MissingCurrency, "Alpha Vantage daily bars carry no currency, and the company reference gives none.");
            return bars;
        }

        for (var i = 0; i < series.Count; i++)
        {
            var date = series.Dates[i];
            void Reject(string reason, string detail) =>
                rejects.Add(new QuarantineRecord(TableName, symbol.Value, raw.Key, i, date, reason, detail));

            var prices = new Prices(series.Open[i], series.High[i], series.Low[i], series.Close[i], series.Volume[i]);
            if (Validate(prices, date, metadata, 1.0, exactRange: false, Reject, out var valid))
            {
                bars.Add(new Bar(date, i, true, valid.Open, valid.High, valid.Low, valid.Close, double.NaN, (long)Math.Round(valid.Volume), 0, 1, referenceCurrency, AlphaVantageSourceName, raw.IngestDate, raw.Key));
            }
        }

        return bars;
    }

    private List<Bar> ParseYahoo(Symbol symbol, RawChartObject raw, RawObjectMetadata metadata, List<QuarantineRecord> rejects, ref int input)
    {
        var bars = new List<Bar>();
        void RejectPayload(string reason, string detail) =>
            rejects.Add(new QuarantineRecord(TableName, symbol.Value, raw.Key, null, null, reason, detail));

        var parsed = YahooChartParser.Parse(raw.Body);
        if (!parsed.IsSuccess)
        {
            RejectPayload(parsed.Rejection.Reason, parsed.Rejection.Detail);
            return bars;
        }

        var chart = parsed.Value;
        input += chart.Count;
        if (!Symbol.TryParse(chart.Meta.Symbol, out var payloadSymbol) || payloadSymbol != symbol)
        {
            RejectPayload(RejectReason.SymbolMismatch, $"The payload is for '{chart.Meta.Symbol}', not {symbol}.");
            return bars;
        }

        if (string.IsNullOrWhiteSpace(chart.Meta.Currency))
        {
            RejectPayload(RejectReason.MissingCurrency, "meta.currency is missing.");
            return bars;
        }

        var timeZone = TimeZoneOf(chart.Meta.ExchangeTimezoneName);
        var splitDates = chart.Splits.Select(s => DateOf(s.Timestamp, timeZone)).ToArray();
        var candidates = new Dictionary<DateOnly, Bar>();
        for (var i = 0; i < chart.Count; i++)
        {
            var date = DateOf(chart.Timestamps[i], timeZone);
            void Reject(string reason, string detail) =>
                rejects.Add(new QuarantineRecord(TableName, symbol.Value, raw.Key, i, date, reason, detail));

            var factor = LaterSplitFactor(chart, splitDates, date);
            var prices = new Prices(chart.Open[i], chart.High[i], chart.Low[i], chart.Close[i], chart.Volume[i]);
            if (!Validate(prices, date, metadata, factor, exactRange: true, Reject, out var valid))
            {
                continue;
            }

            var adj = chart.AdjClose is { } a ? a[i] : double.NaN;
            var atOpen = _calendar.SessionOpenUtc(date)?.ToUnixTimeSeconds() == chart.Timestamps[i];
            var bar = new Bar(date, i, atOpen, valid.Open, valid.High, valid.Low, valid.Close, adj, (long)Math.Round(valid.Volume / factor), 0, 1, string.Empty, SourceName, default, string.Empty);

            if (candidates.TryGetValue(date, out var previous))
            {
                // Keep the official session bar; a second bar of the same date is a live snapshot.
                var (kept, dropped) = previous.AtSessionOpen && !bar.AtSessionOpen ? (previous, bar) : (bar, previous);
                candidates[date] = kept;
                rejects.Add(new QuarantineRecord(
                    TableName,
                    symbol.Value,
                    raw.Key,
                    dropped.Index,
                    date,
                    RejectReason.DuplicateBar,
                    string.Create(CultureInfo.InvariantCulture, $"Trade date {date:yyyy-MM-dd} appears twice in the payload (indexes {previous.Index} and {bar.Index}); kept index {kept.Index}.")));
            }
            else
            {
                candidates[date] = bar;
            }
        }

        AttachEvents(symbol, raw, chart, timeZone, candidates, rejects);
        var currency = chart.Meta.Currency!;
        foreach (var bar in candidates.Values)
        {
            bars.Add(bar with { Currency = currency, IngestDate = raw.IngestDate, RawObject = raw.Key });
        }

        return bars;
    }

    /// <summary>
    /// Checks one bar's values (nulls, range, trading day, positivity, OHLC order, volume) and returns them as
    /// traded: prices multiplied by <paramref name="factor"/> and rounded. With <paramref name="exactRange"/>
    /// false, bars before the requested start are kept (the source takes no start date).
    /// </summary>
    private bool Validate(Prices raw, DateOnly date, RawObjectMetadata metadata, double factor, bool exactRange, Action<string, string> reject, out Prices valid)
    {
        valid = default;
        var (open, high, low, close, volume) = raw;
        var nulls = new List<string>(4);
        if (double.IsNaN(open))
        {
            nulls.Add("open");
        }

        if (double.IsNaN(high))
        {
            nulls.Add("high");
        }

        if (double.IsNaN(low))
        {
            nulls.Add("low");
        }

        if (double.IsNaN(close))
        {
            nulls.Add("close");
        }

        if (nulls.Count > 0)
        {
            reject(RejectReason.NullPrice, $"{string.Join(", ", nulls)} is null.");
            return false;
        }

        if (double.IsNaN(volume))
        {
            reject(RejectReason.NullVolume, "volume is null.");
            return false;
        }

        if (date > metadata.RequestedTo)
        {
            reject(RejectReason.AfterRequestedEnd, $"The bar is after the requested end {metadata.RequestedTo:yyyy-MM-dd}.");
            return false;
        }

        if (exactRange && date < metadata.RequestedFrom)
        {
            reject(RejectReason.BeforeRequestedStart, $"The bar is before the requested start {metadata.RequestedFrom:yyyy-MM-dd}.");
            return false;
        }

        if (!_calendar.IsTradingDay(date))
        {
            reject(RejectReason.NotTradingDay, $"NYSE held no session on {date:yyyy-MM-dd} ({date.DayOfWeek}).");
            return false;
        }

        open = Math.Round(open * factor, PriceDecimals);
        high = Math.Round(high * factor, PriceDecimals);
        low = Math.Round(low * factor, PriceDecimals);
        close = Math.Round(close * factor, PriceDecimals);
        if (open <= 0 || high <= 0 || low <= 0 || close <= 0)
        {
            reject(RejectReason.NonPositivePrice, string.Create(CultureInfo.InvariantCulture, $"open {open}, high {high}, low {low}, close {close}: a price is not positive."));
            return false;
        }

        if (low > Math.Min(open, close) || high < Math.Max(open, close))
        {
            reject(RejectReason.OhlcInconsistent, string.Create(CultureInfo.InvariantCulture, $"open {open}, high {high}, low {low}, close {close}: low must be the lowest and high the highest."));
            return false;
        }

        if (volume < 0)
        {
            reject(RejectReason.NegativeVolume, string.Create(CultureInfo.InvariantCulture, $"volume {volume} is negative."));
            return false;
        }

        valid = new Prices(open, high, low, close, volume);
        return true;
    }

    private static void AttachEvents(Symbol symbol, RawChartObject raw, YahooChart chart, TimeZoneInfo timeZone, Dictionary<DateOnly, Bar> bars, List<QuarantineRecord> rejects)
    {
        var splitDates = chart.Splits.Select(s => DateOf(s.Timestamp, timeZone)).ToArray();
        foreach (var dividend in chart.Dividends)
        {
            var date = DateOf(dividend.Timestamp, timeZone);
            if (!(dividend.Amount > 0))
            {
                rejects.Add(new QuarantineRecord(TableName, symbol.Value, raw.Key, null, date, RejectReason.InvalidEvent, string.Create(CultureInfo.InvariantCulture, $"Dividend amount {dividend.Amount} is not positive.")));
            }
            else if (bars.TryGetValue(date, out var bar))
            {
                bars[date] = bar with { Dividend = bar.Dividend + Math.Round(dividend.Amount * LaterSplitFactor(chart, splitDates, date), 6) };
            }
            else
            {
                rejects.Add(new QuarantineRecord(TableName, symbol.Value, raw.Key, null, date, RejectReason.EventWithoutBar, "A dividend goes ex on a date with no valid bar in the payload."));
            }
        }

        for (var s = 0; s < chart.Splits.Count; s++)
        {
            var split = chart.Splits[s];
            var date = splitDates[s];
            if (!(split.Numerator > 0 && split.Denominator > 0))
            {
                rejects.Add(new QuarantineRecord(TableName, symbol.Value, raw.Key, null, date, RejectReason.InvalidEvent, string.Create(CultureInfo.InvariantCulture, $"Split {split.Numerator}:{split.Denominator} is not a positive ratio.")));
            }
            else if (bars.TryGetValue(date, out var bar))
            {
                bars[date] = bar with { SplitRatio = bar.SplitRatio * split.Ratio };
            }
            else
            {
                rejects.Add(new QuarantineRecord(TableName, symbol.Value, raw.Key, null, date, RejectReason.EventWithoutBar, "A split is effective on a date with no valid bar in the payload."));
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

    private static DailyBarSeries ToSeries(Symbol symbol, ICollection<Bar> bars)
    {
        var n = bars.Count;
        var date = new DateOnly[n];
        double[] open = new double[n], high = new double[n], low = new double[n], close = new double[n], adj = new double[n], dividend = new double[n], split = new double[n];
        var volume = new long[n];
        string[] currency = new string[n], source = new string[n], rawObject = new string[n];
        var ingest = new DateOnly[n];
        var i = 0;
        foreach (var bar in bars)
        {
            date[i] = bar.Date;
            open[i] = bar.Open;
            high[i] = bar.High;
            low[i] = bar.Low;
            close[i] = bar.Close;
            adj[i] = bar.AdjClose;
            volume[i] = bar.Volume;
            dividend[i] = bar.Dividend;
            split[i] = bar.SplitRatio;
            currency[i] = bar.Currency;
            source[i] = bar.Source;
            ingest[i] = bar.IngestDate;
            rawObject[i] = bar.RawObject;
            i++;
        }

        return new DailyBarSeries(symbol, date, open, high, low, close, adj, volume, dividend, split, currency, source, ingest, rawObject);
    }

    private static DateOnly DateOf(long epochSeconds, TimeZoneInfo timeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(epochSeconds), timeZone).DateTime);

    private static TimeZoneInfo TimeZoneOf(string? name)
    {
        if (name is not null && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone))
        {
            return zone;
        }

        return NyseCalendar.Instance.TimeZone;
    }

    private readonly record struct Bar(
        DateOnly Date,
        int Index,
        bool AtSessionOpen,
        double Open,
        double High,
        double Low,
        double Close,
        double AdjClose,
        long Volume,
        double Dividend,
        double SplitRatio,
        string Currency,
        string Source,
        DateOnly IngestDate,
        string RawObject);

    private readonly record struct Prices(double Open, double High, double Low, double Close, double Volume);
}
