using StockLakehouse.Core.Calendar;

namespace StockLakehouse.Extractor.Sources.Yahoo;

/// <summary>
/// Yahoo's period1/period2: epoch seconds. A date range in New York becomes [from 00:00, day after to 00:00)
/// New York time, so every session of the last day is inside whatever its time stamp.
/// </summary>
internal static class YahooPeriod
{
    public static (long Period1, long Period2) Of(DateOnly from, DateOnly toInclusive) =>
        (MidnightInNewYork(from), MidnightInNewYork(toInclusive.AddDays(1)));

    private static long MidnightInNewYork(DateOnly date)
    {
        // US clocks change at 02:00, so midnight always exists exactly once and its offset is unambiguous.
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, NyseCalendar.Instance.TimeZone.GetUtcOffset(local)).ToUnixTimeSeconds();
    }
}
