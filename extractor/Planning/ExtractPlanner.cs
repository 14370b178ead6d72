using System.Globalization;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Lake;
using StockLakehouse.Extractor.Catalog;
using StockLakehouse.Extractor.Sources;
using StockLakehouse.Extractor.State;

namespace StockLakehouse.Extractor.Planning;

/// <summary>
/// Turns symbols and dates into requests for one source. Ranged sources (daily bars) follow the NYSE calendar:
/// a backfill asks for exactly the range given, a daily run for each symbol from its watermark minus a lookback
/// of trading days (a watermark a kill left behind the lake is first moved up to what has landed, see
/// <see cref="WatermarkRecovery"/>), and no request is made for a range without a trading day. Snapshot sources (company
/// profiles) get one request per symbol as of the ingest date; other sources list their own requests.
/// </summary>
public sealed class ExtractPlanner
{
    private static readonly DateOnly FirstCalendarDay = new(NyseCalendar.MinYear, 1, 1);
    private static readonly DateOnly LastCalendarDay = new(NyseCalendar.MaxYear, 12, 31);
    private readonly NyseCalendar _calendar;
    private readonly WatermarkStore _watermarks;

    public ExtractPlanner(NyseCalendar calendar, WatermarkStore watermarks)
    {
        _calendar = calendar;
        _watermarks = watermarks;
    }

    public async Task<ExtractPlan> PlanAsync(ExtractSource source, ExtractPlanOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        if (options.To < options.From)
        {
            throw new ArgumentException($"The extract ends on {Iso(options.To)}, before it starts on {Iso(options.From)}.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.LookbackTradingDays);
        var requests = new List<RawRequest>();
        var skipped = new List<NotRequested>();
        switch (source.Scope)
        {
            case RequestScope.Discovered:
                requests.AddRange(await source.DiscoverAsync(options.From, options.To, options.IngestDate, cancellationToken).ConfigureAwait(false));
                break;
            case RequestScope.SymbolSnapshot:
                requests.AddRange(options.Symbols.Select(s => new RawRequest(s.Value, options.IngestDate, options.IngestDate)));
                break;
            case RequestScope.SymbolRange when options.Mode == ExtractMode.Backfill:
                var range = BackfillRange(_calendar, options.From, options.To);
                foreach (var symbol in options.Symbols)
                {
                    if (range is { } r)
                    {
                        requests.Add(new RawRequest(symbol.Value, r.From, r.To));
                    }
                    else
                    {
                        skipped.Add(new NotRequested(symbol.Value, $"No NYSE trading day from {Iso(options.From)} to {Iso(options.To)}."));
                    }
                }

                break;
            case RequestScope.SymbolRange:
                // Stalest first (no watermark, then the oldest): when a daily cap stops the source part-way, the
                // next run starts with the symbols this one did not reach, so a capped universe rotates.
                var daily = new List<(DateOnly Through, RawRequest Request)>();
                await new WatermarkRecovery(_watermarks).RecoverAsync(source, options.Symbols.Select(s => s.Value).ToArray(), cancellationToken).ConfigureAwait(false);
                foreach (var symbol in options.Symbols)
                {
                    var watermark = await _watermarks.ReadAsync(source.Name, source.Dataset, symbol.Value, cancellationToken).ConfigureAwait(false);
                    if (watermark is not null && LandedTodayThroughTheEnd(watermark, options))
                    {
                        // A rerun on the same day would ask again for what landed hours ago, under a new range (the
                        // watermark moved) and so as a new object; tomorrow's run re-reads the lookback instead.
                        skipped.Add(new NotRequested(symbol.Value, $"Up to date: landed through {Iso(watermark.Through)} today ({Iso(options.IngestDate)})."));
                        continue;
                    }

                    if (DailyRange(_calendar, watermark?.Through, options.From, options.To, options.LookbackTradingDays) is { } dailyRange)
                    {
                        daily.Add((watermark?.Through ?? DateOnly.MinValue, new RawRequest(symbol.Value, dailyRange.From, dailyRange.To)));
                    }
                    else
                    {
                        skipped.Add(new NotRequested(symbol.Value, watermark is null
                            ? $"No NYSE trading day from {Iso(options.From)} to {Iso(options.To)}."
                            : $"Up to date: landed through {Iso(watermark.Through)}, and no trading day to fetch up to {Iso(options.To)}."));
                    }
                }

                requests.AddRange(daily.OrderBy(d => d.Through).Select(d => d.Request));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(source), source.Scope, "Unknown request scope.");
        }

        return new ExtractPlan(requests, skipped, options.IngestDate, Math.Max(1, options.Parallelism));
    }

    /// <summary>Whether the watermark was set by an object landed on this ingest date that reaches the last session on or before the end.</summary>
    private bool LandedTodayThroughTheEnd(Watermark watermark, ExtractPlanOptions options)
    {
        if (!watermark.ObjectKey.Contains("/ingest_date=", StringComparison.Ordinal))
        {
            return false;
        }

        var lastSession = _calendar.LastTradingDayOnOrBefore(options.To);
        return LakeLayout.IngestDateOf(watermark.ObjectKey) == options.IngestDate && watermark.Through >= lastSession;
    }

    /// <summary>The backfill range: <paramref name="from"/>..<paramref name="to"/> as given, or null when it holds no trading day.</summary>
    public static DateRange? BackfillRange(NyseCalendar calendar, DateOnly from, DateOnly to) =>
        HasTradingDay(calendar, from, to) ? new DateRange(from, to) : null;

    /// <summary>
    /// The daily range of a symbol: from <paramref name="initialFrom"/> without a watermark; otherwise from the
    /// <paramref name="lookback"/>-th trading day counting back from the watermark (the watermark itself is the
    /// first; with a lookback of 0, from the day after it). Null when the range is empty or holds no trading day.
    /// </summary>
    public static DateRange? DailyRange(NyseCalendar calendar, DateOnly? watermark, DateOnly initialFrom, DateOnly to, int lookback)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegative(lookback);
        DateOnly from;
        if (watermark is not { } through)
        {
            from = initialFrom;
        }
        else if (lookback == 0)
        {
            from = through.AddDays(1);
        }
        else
        {
            var lastSession = calendar.LastTradingDayOnOrBefore(through);
            from = calendar.AddTradingDays(lastSession, -(lookback - 1));
        }

        return from <= to && HasTradingDay(calendar, from, to) ? new DateRange(from, to) : null;
    }

    private static bool HasTradingDay(NyseCalendar calendar, DateOnly from, DateOnly to)
    {
        // The calendar covers 1990–2099; outside it there is nothing it can vouch for, so only the overlap counts.
        var start = from < FirstCalendarDay ? FirstCalendarDay : from;
        var end = to > LastCalendarDay ? LastCalendarDay : to;
        return start <= end && calendar.CountTradingDays(start, end) > 0;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
