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
