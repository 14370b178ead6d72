using StockLakehouse.Jobs.Silver;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// From which trade date a symbol's new gold rows can differ from those of gold's previous computation. Every fact and
/// indicator of a date is a function of the silver rows up to that date, except the adjusted close, which also depends
/// on the dividends and splits after it (<see cref="Gold.PriceAdjustment"/>). So when the rows before a date are the
/// ones of the previous computation and no corporate action lies on or after it, in the old rows or in the new, every
/// gold row before that date comes out bit for bit as before. Nor do they when the corporate actions on or after it are
/// the very ones the previous computation saw (<see cref="GoldEvent"/>: the same dates, amounts, ratios and closes before
/// them, in the same order), as when a day's lookback sends a recent dividend again. The rule knows the earlier silver rows were kept only when
/// silver merged the current partition onto the very files gold read last time (<see cref="SilverPartitionState.MergedOnto"/>):
/// a merge keeps those rows as they were and adds or replaces only rows of bodies with later ingest dates than any it
/// kept, so the changed rows are exactly those ingested after the previous computation's newest ingest date.
/// </summary>
internal static class GoldChangeRule
{
    /// <summary>
    /// The change from <paramref name="previous"/> to a computation over <paramref name="bars"/>, or null when it cannot
    /// be bounded (no previous computation with known inputs, other code or company versions, a silver partition not
    /// merged onto the one gold read, a corporate action at or after the first changed date that the previous
    /// computation did not see as it is now, or did not record).
    /// </summary>
    /// <param name="context">The digest of the code's version and the company versions now (<see cref="GoldInputs.Context"/>).</param>
    /// <param name="mergedOnto">The partition the current silver partition was merged onto, from silver's state when it describes the current files; null otherwise.</param>
    /// <param name="closeBefore">The as-traded close of the row before the first of <paramref name="bars"/>, when they do not start the history (<see cref="EventsOf"/>).</param>
    /// <param name="silverChangedFrom">
    /// The first date whose silver row the merge onto <paramref name="mergedOnto"/> changed in value
    /// (<see cref="SilverPartitionState.ChangedFrom"/>), when silver recorded one: rows ingested again with the values
    /// they had (a day's lookback sent again) change nothing gold computes, so the change starts there instead.
    /// </param>
    public static GoldChange? Of(GoldPartitionState? previous, string context, SilverFiles? mergedOnto, DailyBarSeries bars, double? closeBefore = null, DateOnly? silverChangedFrom = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (previous is not { Fingerprint: { } from, Inputs: { } inputs }
            || previous.Partitions.Count == 0
            || inputs.Context != context
            || mergedOnto is null
            || mergedOnto != inputs.Silver
            || inputs.LastIngest is not { } lastIngest)
        {
            return null;
        }

        DateOnly? since = null;
        for (var i = 0; i < bars.Count; i++)
        {
            if (bars.IngestDate[i] > lastIngest && (since is null || bars.TradeDate[i] < since))
            {
                since = bars.TradeDate[i];
            }
        }

        if (since is not { } first)
        {
            return null;
        }

        if (silverChangedFrom > first)
        {
            first = silverChangedFrom.Value;
        }

        var events = EventsOf(bars, bars.FirstOnOrAfter(first), bars.Count, closeBefore);
        var hadEvents = inputs.LastEvent is { } lastEvent && lastEvent >= first;
        if ((hadEvents || events.Count > 0)
            && !(inputs.EventsFrom is { } recorded && recorded <= first && inputs.Events is { } seen && seen.Where(e => e.Date >= first).SequenceEqual(events)))
        {
            return null;
        }

        return new GoldChange(from, first);
    }

    /// <summary>
    /// What a computation over <paramref name="bars"/> read, for the state it leaves: with the corporate actions among
    /// its last <see cref="RecentRows"/> rows.
    /// </summary>
    public static GoldInputs InputsOf(SilverFiles silver, string context, DailyBarSeries bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var recent = Math.Max(0, bars.Count - RecentRows);
        return new GoldInputs(silver, context, LastIngest(bars, 0, bars.Count), LastEvent(bars, 0, bars.Count))
        {
            EventsFrom = bars.Count > 0 ? bars.TradeDate[recent] : null,
            Events = EventsOf(bars, recent, bars.Count),
        };
    }

    /// <summary>How many of the last rows <see cref="InputsOf"/> records the corporate actions of: a tail's cap, far more than a day's lookback.</summary>
    public const int RecentRows = GoldFiles.MaxTailRows;

    /// <summary>
    /// The corporate actions among bars <paramref name="from"/> to <paramref name="to"/> (exclusive), as the price
    /// adjustment reads them; an event on the first bar takes <paramref name="closeBefore"/> as the close before it (the
    /// bars given are the end of a history whose earlier rows were not read).
    /// </summary>
    public static IReadOnlyList<GoldEvent> EventsOf(DailyBarSeries bars, int from, int to, double? closeBefore = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var events = new List<GoldEvent>();
        for (var i = from; i < to; i++)
        {
            if (bars.Dividend[i] != 0 || bars.SplitRatio[i] != 1)
            {
                events.Add(new GoldEvent(bars.TradeDate[i], bars.Dividend[i], bars.SplitRatio[i], i > 0 ? bars.Close[i - 1] : closeBefore));
            }
        }

        return events;
    }

    /// <summary>The newest ingest date among bars <paramref name="from"/> to <paramref name="to"/> (exclusive); null: none.</summary>
    public static DateOnly? LastIngest(DailyBarSeries bars, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(bars);
        DateOnly? last = null;
        for (var i = from; i < to; i++)
        {
            if (last is null || bars.IngestDate[i] > last)
            {
                last = bars.IngestDate[i];
            }
        }

        return last;
    }

    /// <summary>
    /// The newest trade date with a dividend or a split among bars <paramref name="from"/> to <paramref name="to"/>
    /// (exclusive); silver writes 0 and 1 where there is none.
    /// </summary>
    public static DateOnly? LastEvent(DailyBarSeries bars, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(bars);
        for (var i = to - 1; i >= from; i--)
        {
            if (bars.Dividend[i] != 0 || bars.SplitRatio[i] != 1)
            {
                return bars.TradeDate[i];
            }
        }

        return null;
    }
}
