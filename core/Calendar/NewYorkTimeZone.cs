namespace StockLakehouse.Core.Calendar;

/// <summary>
/// Resolves the America/New_York time zone. The system's tz database is preferred; a built-in copy of the
/// US Eastern rules in force since 1987 is the fallback, because a slim container may ship no tzdata and
/// Windows in invariant-globalization mode cannot map IANA ids, and the calendar must not fail there.
/// </summary>
internal static class NewYorkTimeZone
{
    /// <summary>The tz database id.</summary>
    public const string IanaId = "America/New_York";

    /// <summary>The Windows id, for Windows hosts that cannot map IANA ids.</summary>
    public const string WindowsId = "Eastern Standard Time";

    public static TimeZoneInfo Resolve() =>
        TryFind(IanaId) ?? TryFind(WindowsId) ?? CreateBuiltIn();

    /// <summary>
    /// US Eastern time as legislated: UTC−5, with daylight time (UTC−4) from the first Sunday of April to the
    /// last Sunday of October for 1987–2006, and from the second Sunday of March to the first Sunday of November
    /// since 2007 (Energy Policy Act of 2005); transitions at 02:00 local time. Exact for 1987 onwards.
    /// </summary>
    public static TimeZoneInfo CreateBuiltIn()
    {
        var twoAm = new DateTime(1, 1, 1, 2, 0, 0, DateTimeKind.Unspecified);
        var oneHour = TimeSpan.FromHours(1);
        var rules = new[]
        {
            TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                new DateTime(1987, 1, 1, 0, 0, 0, DateTimeKind.Unspecified),
                new DateTime(2006, 12, 31, 0, 0, 0, DateTimeKind.Unspecified),
                oneHour,
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(twoAm, 4, 1, DayOfWeek.Sunday),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(twoAm, 10, 5, DayOfWeek.Sunday)),
            TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                new DateTime(2007, 1, 1, 0, 0, 0, DateTimeKind.Unspecified),
                DateTime.MaxValue.Date,
                oneHour,
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(twoAm, 3, 2, DayOfWeek.Sunday),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(twoAm, 11, 1, DayOfWeek.Sunday)),
        };
        return TimeZoneInfo.CreateCustomTimeZone(
            IanaId,
            TimeSpan.FromHours(-5),
            "(UTC-05:00) Eastern Time (US & Canada)",
            "Eastern Standard Time",
            "Eastern Daylight Time",
            rules);
    }

    private static TimeZoneInfo? TryFind(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }
}
