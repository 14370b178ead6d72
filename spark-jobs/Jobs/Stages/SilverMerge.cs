using StockLakehouse.Jobs.Silver;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// Latest ingest wins, continued from a kept silver partition: the bars of raw objects that all sort after every
/// object the kept partition was built from (a later ingest date) replace the kept bar of their date, as they would
/// in a full build. The kept rows carry what the rule needs: a kept Yahoo bar's dividend and split are the latest
/// Yahoo events of its date, and a kept Alpha Vantage bar carries them too (0 and 1, its own, when there were none),
/// so a new Alpha Vantage bar takes the kept row's events when no new Yahoo bar names the date. New objects of both
/// sources at once are not merged here: which of them carries a date's events is only known inside the silver
/// function, so the caller rebuilds the partition from every object instead.
/// </summary>
public static class SilverMerge
{
    /// <param name="kept">The partition as last written.</param>
    /// <param name="added">The silver function's result over the new objects alone.</param>
    /// <param name="addedFromYahoo">Whether the new objects are Yahoo's (true) or Alpha Vantage's (false).</param>
    public static DailyBarSeries Merge(DailyBarSeries kept, DailyBarSeries added, bool addedFromYahoo)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(added);
        if (kept.Symbol != added.Symbol)
        {
            throw new ArgumentException($"Cannot merge {added.Symbol}'s bars into {kept.Symbol}'s partition.", nameof(added));
        }

        // Row i of the result comes from kept (source >= 0: kept row) or added (source < 0: added row ~source).
        var capacity = kept.Count + added.Count;
        var rows = new int[capacity];
        var eventsFrom = new int[capacity];
        int k = 0, a = 0, n = 0;
        while (k < kept.Count || a < added.Count)
        {
            if (a == added.Count || (k < kept.Count && kept.TradeDate[k] < added.TradeDate[a]))
            {
                rows[n] = eventsFrom[n] = k++;
            }
            else if (k == kept.Count || added.TradeDate[a] < kept.TradeDate[k])
            {
                rows[n] = eventsFrom[n] = ~a++;
            }
            else
            {
                rows[n] = ~a++;
                eventsFrom[n] = addedFromYahoo ? rows[n] : k;
                k++;
            }

            n++;
        }

        // A day's merge keeps most of the history as it was: the rows before the first added or replaced one are copied whole.
        var byRow = (From: rows, Kept: Prefix(rows, n));
        var byEvent = (From: eventsFrom, Kept: Prefix(eventsFrom, n));
        T[] Pick<T>(T[] keptValues, T[] addedValues, (int[] From, int Kept) source)
        {
            var picked = new T[n];
            Array.Copy(keptValues, picked, source.Kept);
            for (var i = source.Kept; i < picked.Length; i++)
            {
                var from = source.From[i];
                picked[i] = from >= 0 ? keptValues[from] : addedValues[~from];
            }

            return picked;
        }

        return new DailyBarSeries(
            kept.Symbol,
            Pick(kept.TradeDate, added.TradeDate, byRow),
            Pick(kept.Open, added.Open, byRow),
            Pick(kept.High, added.High, byRow),
            Pick(kept.Low, added.Low, byRow),
            Pick(kept.Close, added.Close, byRow),
            Pick(kept.AdjClose, added.AdjClose, byRow),
            Pick(kept.Volume, added.Volume, byRow),
            Pick(kept.Dividend, added.Dividend, byEvent),
            Pick(kept.SplitRatio, added.SplitRatio, byEvent),
            Pick(kept.Currency, added.Currency, byRow),
            Pick(kept.Source, added.Source, byRow),
            Pick(kept.IngestDate, added.IngestDate, byRow),
            Pick(kept.RawObject, added.RawObject, byRow));
    }

    /// <summary>
    /// The first trade date at which <paramref name="merged"/> (the result of <see cref="Merge"/> onto
    /// <paramref name="kept"/>) holds a row that <paramref name="kept"/> lacks or that differs from kept's row of that date
    /// in anything but the ingest date and the raw object it came from; null when none does. A day's lookback sends the
    /// last sessions again: their rows come back with a new ingest date and, unless the source corrected them, the same
    /// values, so what gold computes from them is unchanged before this date (<see cref="GoldChangeRule"/>).
    /// </summary>
    public static DateOnly? FirstChanged(DailyBarSeries kept, DailyBarSeries merged)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(merged);
        var k = 0;
        for (var m = 0; m < merged.Count; m++)
        {
            while (k < kept.Count && kept.TradeDate[k] < merged.TradeDate[m])
            {
                k++;
            }

            if (k == kept.Count || kept.TradeDate[k] != merged.TradeDate[m] || !SameValues(kept, k, merged, m))
            {
                return merged.TradeDate[m];
            }
        }

        return null;
    }

    private static bool SameValues(DailyBarSeries a, int i, DailyBarSeries b, int j) =>
        Same(a.Open[i], b.Open[j]) && Same(a.High[i], b.High[j]) && Same(a.Low[i], b.Low[j]) && Same(a.Close[i], b.Close[j])
        && Same(a.AdjClose[i], b.AdjClose[j]) && a.Volume[i] == b.Volume[j] && Same(a.Dividend[i], b.Dividend[j])
        && Same(a.SplitRatio[i], b.SplitRatio[j]) && a.Currency[i] == b.Currency[j] && a.Source[i] == b.Source[j];

    /// <summary>Bit for bit: what gold computes from a value is the same only when its bits are.</summary>
    private static bool Same(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    /// <summary>How many of the first rows of the result are the kept rows at the same positions.</summary>
    private static int Prefix(int[] from, int count)
    {
        var i = 0;
        while (i < count && from[i] == i)
        {
            i++;
        }

        return i;
    }
}
