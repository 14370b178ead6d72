using StockLakehouse.Core.Calendar;

namespace StockLakehouse.Core.Tests.Calendar;

public sealed class ZoneDatesTests
{
    [Fact]
    public void DateOf_EveryQuarterHourAcrossDaylightSavingChanges_IsTheConvertedDateTwice()
    {
        var zone = NyseCalendar.Instance.TimeZone;
        var dates = ZoneDates.Of(zone);
        // 2025-03-08 through 2025-03-10 and 2025-11-01 through 2025-11-03 (both US transitions), then a plain day.
        foreach (var start in new[] { 1741392000L, 1761955200L, 1767225600L })
        {
            for (var second = start; second < start + (3 * 86_400); second += 900)
            {
                var expected = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(second), zone).DateTime);
                Assert.Equal(expected, dates.DateOf(second));
                Assert.Equal(expected, dates.DateOf(second));
            }
        }
    }

    [Fact]
    public void DateOf_TwoZones_KeepsTheirDatesApart()
    {
        var tokyo = TimeZoneInfo.CreateCustomTimeZone("Test/Plus9", TimeSpan.FromHours(9), "UTC+9", "UTC+9");
        var newYork = NyseCalendar.Instance.TimeZone;
        const long lateEveningInNewYork = 1767225600L + (23 * 3600); // 2026-01-01T23:00Z: 18:00 in New York, 08:00 on Jan 2 in Tokyo.

        Assert.Equal(new DateOnly(2026, 1, 1), ZoneDates.Of(newYork).DateOf(lateEveningInNewYork));
        Assert.Equal(new DateOnly(2026, 1, 2), ZoneDates.Of(tokyo).DateOf(lateEveningInNewYork));
        Assert.Same(ZoneDates.Of(tokyo), ZoneDates.Of(tokyo));
    }
}
