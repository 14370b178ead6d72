namespace StockLakehouse.Extractor.Sources.Simulated;

/// <summary>
/// The trading days from Genesis through <see cref="CoveredThrough"/> with everything derived per day that is
/// shared by all symbols: the session-open epoch, the New York UTC offset and the market-factor shock.
/// Immutable, so <see cref="SimulatedMarket"/> can publish a longer copy while readers use an older one; the
/// caller's calendar is consulted once per day rather than once per symbol.
/// </summary>
internal sealed class SessionTable
{
    // The close is 6.5 h after the 09:30 open on a full session; half days are not modelled.
    public const long SessionLengthSeconds = 6 * 3600 + 1800;

    public SessionTable(DateOnly coveredThrough, DateOnly[] days, long[] opens, int[] gmtOffsets, double[] marketShocks)
    {
        CoveredThrough = coveredThrough;
        Days = days;
        Opens = opens;
        GmtOffsets = gmtOffsets;
        MarketShocks = marketShocks;
    }

    /// <summary>The last calendar date the table has asked the calendar about (trading day or not).</summary>
    public DateOnly CoveredThrough { get; }

    public DateOnly[] Days { get; }

    /// <summary>Unix seconds of each day's 09:30 New York open.</summary>
    public long[] Opens { get; }

    /// <summary>Seconds east of UTC in New York on each day (−18000 EST, −14400 EDT).</summary>
    public int[] GmtOffsets { get; }

    /// <summary>Standard-normal market-factor shock of each day, shared by every symbol.</summary>
    public double[] MarketShocks { get; }

    public int Count => Days.Length;

    /// <summary>The first index whose day is on or after <paramref name="date"/> (Count if none).</summary>
    public int LowerBound(DateOnly date)
    {
        int low = 0, high = Days.Length;
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (Days[mid] < date)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>The first index whose day is after <paramref name="date"/> (Count if none).</summary>
    public int UpperBound(DateOnly date) => date == DateOnly.MaxValue ? Days.Length : LowerBound(date.AddDays(1));
}
