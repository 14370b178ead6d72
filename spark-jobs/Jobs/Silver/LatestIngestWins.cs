namespace StockLakehouse.Jobs.Silver;

/// <summary>
/// Deduplication across a symbol's raw objects: for each trade date the bar of the latest ingest wins — the later
/// ingest date, on one ingest date the later fetch (a key's request-id hash says nothing about when it was fetched),
/// then the later key, so the order is total — whichever source it came from. A date won by a bar of a source
/// without events (Alpha Vantage) keeps the dividend and split of the latest Yahoo bar of that date, none when
/// there is none.
/// </summary>
internal sealed class LatestIngestWins
{
    private readonly SortedDictionary<DateOnly, SilverBar> _latest = [];
    private readonly Dictionary<DateOnly, (double Dividend, double SplitRatio)> _yahooEvents = [];

    /// <summary>How many bars a later ingest replaced.</summary>
    public int Superseded { get; private set; }

    /// <summary>The objects in the order their bars must be offered: oldest ingest first, so the latest is offered last.</summary>
    public static IEnumerable<RawChartObject> Order(IEnumerable<RawChartObject> objects) => objects
        .OrderBy(o => o.IngestDate)
        .ThenBy(o => o.Metadata?.FetchedAt ?? DateTimeOffset.MinValue)
        .ThenBy(o => o.Key, StringComparer.Ordinal);

    /// <summary>Offers a bar of the object now being read; it replaces any bar of its date offered before.</summary>
    public void Offer(SilverBar bar)
    {
        if (_latest.ContainsKey(bar.Date))
        {
            Superseded++;
        }

        _latest[bar.Date] = bar;
        if (bar.Source == DailyBarSilverFunction.SourceName)
        {
            _yahooEvents[bar.Date] = (bar.Dividend, bar.SplitRatio);
        }
    }

    /// <summary>The winning bars in date order, with Yahoo's events carried onto bars from sources without them.</summary>
    public ICollection<SilverBar> Winners()
    {
        var withoutEvents = _latest.Values.Where(b => b.Source != DailyBarSilverFunction.SourceName && _yahooEvents.ContainsKey(b.Date)).ToArray();
        foreach (var bar in withoutEvents)
        {
            var (dividend, splitRatio) = _yahooEvents[bar.Date];
            _latest[bar.Date] = bar with { Dividend = dividend, SplitRatio = splitRatio };
        }

        return _latest.Values;
    }
}
