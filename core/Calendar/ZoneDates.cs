using System.Collections.Concurrent;

namespace StockLakehouse.Core.Calendar;

/// <summary>
/// The local calendar date of a Unix second in one time zone, remembered per second. Market data stamps every
/// symbol's bar of a day with the same instant (the session open), so a few thousand instants cover a whole
/// universe, and a lookup replaces a <see cref="TimeZoneInfo.ConvertTime(DateTimeOffset, TimeZoneInfo)"/> per bar.
/// The answers are that conversion's, whatever the zone's rules. Safe for concurrent use.
/// </summary>
public sealed class ZoneDates
{
    /// <summary>
    /// Instants remembered per zone at most (a few megabytes); past that, conversions are computed and not kept. Twenty
    /// years of sessions are about 5,000 instants.
    /// </summary>
    public const int MaxRemembered = 1 << 16;

    private static readonly ConcurrentDictionary<TimeZoneInfo, ZoneDates> Zones = new(ReferenceEqualityComparer.Instance);

    private readonly TimeZoneInfo _zone;
    private readonly ConcurrentDictionary<long, DateOnly> _dates = new();
    private int _remembered;

    private ZoneDates(TimeZoneInfo zone)
    {
        _zone = zone;
    }

    /// <summary>The shared dates of <paramref name="zone"/> (one per <see cref="TimeZoneInfo"/> instance).</summary>
    public static ZoneDates Of(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Zones.GetOrAdd(zone, static z => new ZoneDates(z));
    }

    /// <summary>The date in this zone at <paramref name="epochSeconds"/> seconds after 1970-01-01T00:00:00Z.</summary>
    public DateOnly DateOf(long epochSeconds)
    {
        if (_dates.TryGetValue(epochSeconds, out var date))
        {
            return date;
        }

        date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(epochSeconds), _zone).DateTime);
        // A counter rather than the dictionary's Count, which takes every lock of the dictionary.
        if (Volatile.Read(ref _remembered) < MaxRemembered && _dates.TryAdd(epochSeconds, date))
        {
            Interlocked.Increment(ref _remembered);
        }

        return date;
    }
}
