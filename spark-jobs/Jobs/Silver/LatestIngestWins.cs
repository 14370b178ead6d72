namespace StockLakehouse.Jobs.Silver;

/// <summary>
/// Deduplication across a symbol's raw objects: for each trade date the bar of the latest ingest wins — the later
/// ingest date, on one ingest date the later fetch (a key's request-id hash says nothing about when it was fetched),
/// then the later key, so the order is total — whichever source it came from. A date won by a bar of a source
/// without events (Alpha Vantage) keeps the dividend and split of the latest Yahoo bar of that date, none when
/// there is none.
/// </summary>
/// <remarks>
/// The bars of all objects arrive in one list, in the order the objects are read (<see cref="Order"/>), so a later
/// position is a later ingest. They are sorted by (date, position) and each date's run scanned once: its last bar
/// wins. One object's bars, already in date order with one bar a date (the usual case), need no sort.
/// </remarks>
internal static class LatestIngestWins
{
    /// <summary>The objects in the order their bars must be offered: oldest ingest first, so the latest is offered last.</summary>
    public static IEnumerable<RawChartObject> Order(IEnumerable<RawChartObject> objects) => objects
        .OrderBy(o => o.IngestDate)
        .ThenBy(o => o.Metadata?.FetchedAt ?? DateTimeOffset.MinValue)
        .ThenBy(o => o.Key, StringComparer.Ordinal);

    /// <summary>
    /// Adds to <paramref name="winners"/> the winning bars of <paramref name="offered"/> (bars in the order of their
    /// objects) in date order, with Yahoo's events carried onto bars from sources without them;
    /// <paramref name="superseded"/> counts the bars a later ingest replaced.
    /// </summary>
    public static void Winners(List<SilverBar> offered, List<SilverBar> winners, out int superseded)
    {
        ArgumentNullException.ThrowIfNull(offered);
        ArgumentNullException.ThrowIfNull(winners);
        var order = DateOrder(offered);
        winners.EnsureCapacity(winners.Count + offered.Count);
        superseded = 0;
        var run = 0;
        while (run < order.Length)
        {
            var date = offered[order[run]].Date;
            var end = run + 1;
            while (end < order.Length && offered[order[end]].Date == date)
            {
                end++;
            }

            superseded += end - run - 1;
            var winner = offered[order[end - 1]];
            if (winner.Source != DailyBarSilverFunction.SourceName)
            {
                for (var i = end - 2; i >= run; i--)
                {
                    var earlier = offered[order[i]];
                    if (earlier.Source == DailyBarSilverFunction.SourceName)
                    {
                        winner = winner with { Dividend = earlier.Dividend, SplitRatio = earlier.SplitRatio };
                        break;
                    }
                }
            }

            winners.Add(winner);
            run = end;
        }
    }

    /// <summary>The positions of <paramref name="bars"/> sorted by date, then position.</summary>
    private static int[] DateOrder(List<SilverBar> bars)
    {
        var order = new int[bars.Count];
        var sorted = true;
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            sorted &= i == 0 || bars[i - 1].Date < bars[i].Date;
        }

        if (!sorted)
        {
            // Positions are unique, so the keys are, and an unstable sort gives the one order.
            var keys = new long[order.Length];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = ((long)bars[i].Date.DayNumber << 32) | (uint)i;
            }

            Array.Sort(keys, order);
        }

        return order;
    }
}
