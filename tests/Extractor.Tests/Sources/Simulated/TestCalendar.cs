namespace StockLakehouse.Extractor.Tests.Sources.Simulated;

/// <summary>
/// A stand-in calendar for the simulator's tests: every weekday trades (no holidays), and each session opens
/// at 09:30 New York time converted to UTC with the zone's daylight-saving rules. Kept independent of the real
/// NYSE calendar so these tests exercise only the simulator.
/// </summary>
internal static class TestCalendar
{
    public static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static IReadOnlyList<DateOnly> Weekdays(DateOnly from, DateOnly toInclusive)
    {
        var days = new List<DateOnly>();
        for (var day = from; day <= toInclusive; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
            {
                days.Add(day);
            }
        }

        return days;
    }

    public static DateTimeOffset SessionOpenUtc(DateOnly day)
    {
        var local = day.ToDateTime(new TimeOnly(9, 30));
        return new DateTimeOffset(local, NewYork.GetUtcOffset(local)).ToUniversalTime();
    }

    public static long SessionOpenEpoch(DateOnly day) => SessionOpenUtc(day).ToUnixTimeSeconds();

    public static DateTime NewYorkTime(long epochSeconds) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(epochSeconds), NewYork).DateTime;

    public static SimulatedMarket Market(ulong seed = 42, bool injectDefects = true) =>
        new(new SimulationOptions(seed) { InjectDefects = injectDefects }, Weekdays, SessionOpenUtc);

    public static SimulatedInstrument Instrument(string symbol) => SimulatedInstrument.Nasdaq(Symbol.Parse(symbol));

    /// <summary>SYM000, SYM001, …: a synthetic universe of <paramref name="count"/> symbols.</summary>
    public static IReadOnlyList<SimulatedInstrument> Universe(int count) =>
        Enumerable.Range(0, count).Select(i => Instrument($"SYM{i:D3}")).ToArray();
}
