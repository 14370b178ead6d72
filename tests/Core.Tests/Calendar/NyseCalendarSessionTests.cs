using System.Globalization;
using static StockLakehouse.Core.Tests.Calendar.TestDates;

namespace StockLakehouse.Core.Tests.Calendar;

public sealed class NyseCalendarSessionTests
{
    [Theory]
    [InlineData("2024-03-08", "2024-03-08T14:30:00Z")] // Friday before DST starts: EST, UTC−5.
    [InlineData("2024-03-11", "2024-03-11T13:30:00Z")] // Monday after DST starts: EDT, UTC−4.
    [InlineData("2024-11-01", "2024-11-01T13:30:00Z")] // Friday before DST ends.
    [InlineData("2024-11-04", "2024-11-04T14:30:00Z")] // Monday after DST ends.
    [InlineData("2006-03-13", "2006-03-13T14:30:00Z")] // Before 2007, DST began in April.
    [InlineData("2006-04-03", "2006-04-03T13:30:00Z")]
    [InlineData("2024-11-29", "2024-11-29T14:30:00Z")] // An early close opens as usual.
    public void SessionOpenUtc_TradingDay_NineThirtyNewYorkInUtc(string date, string expectedUtc)
    {
        var expected = DateTimeOffset.Parse(expectedUtc, CultureInfo.InvariantCulture);

        var open = Nyse.SessionOpenUtc(D(date));

        Assert.Equal(expected, open);
        Assert.Equal(TimeSpan.Zero, open!.Value.Offset);
    }

    [Theory]
    [InlineData("2024-03-29")]
    [InlineData("2024-03-09")]
    public void SessionOpenUtc_ClosedDay_Null(string date)
    {
        Assert.Null(Nyse.SessionOpenUtc(D(date)));
    }

    [Theory]
    [InlineData("2024-03-28", "16:00")]
    [InlineData("2024-07-03", "13:00")]
    public void CloseTime_TradingDay_RegularOrEarlyClose(string date, string expected)
    {
        Assert.Equal(TimeOnly.Parse(expected, CultureInfo.InvariantCulture), Nyse.CloseTime(D(date)));
    }

    [Theory]
    [InlineData("2024-03-08T05:00:00Z", "2024-03-08")] // Midnight EST.
    [InlineData("2024-03-08T04:59:59Z", "2024-03-07")]
    [InlineData("2024-03-09T03:00:00Z", "2024-03-08")] // 22:00 the evening before in New York.
    [InlineData("2024-07-01T04:00:00Z", "2024-07-01")] // Midnight EDT.
    [InlineData("2024-07-01T03:59:59Z", "2024-06-30")]
    [InlineData("2024-03-08T23:30:00-05:00", "2024-03-08")] // An instant given in New York's own offset.
    [InlineData("2024-03-09T01:00:00+09:00", "2024-03-08")] // ... or in another zone's.
    public void TradeDateOf_Instant_NewYorkCalendarDate(string instant, string expected)
    {
        var value = DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

        Assert.Equal(D(expected), Nyse.TradeDateOf(value));
    }

    [Theory]
    [InlineData("2025-01-10T20:59:59Z", "2025-01-08")] // Friday 15:59 EST: Friday still trading; 01-09 was closed.
    [InlineData("2025-01-10T21:00:00Z", "2025-01-10")] // Friday 16:00 EST: closed.
    [InlineData("2025-01-11T15:00:00Z", "2025-01-10")] // Saturday.
    [InlineData("2024-07-03T16:59:00Z", "2024-07-02")] // 12:59 EDT on an early close (13:00).
    [InlineData("2024-07-03T17:00:00Z", "2024-07-03")]
    [InlineData("2024-07-01T13:00:00Z", "2024-06-28")] // Monday 09:00 EDT, before the open.
    public void LastCompletedSession_Instant_TheLastSessionWhoseCloseHasPassed(string instant, string expected)
    {
        Assert.Equal(D(expected), Nyse.LastCompletedSession(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void TimeZone_Always_EasternTime()
    {
        Assert.Equal(TimeSpan.FromHours(-5), Nyse.TimeZone.BaseUtcOffset);
        Assert.True(Nyse.TimeZone.SupportsDaylightSavingTime);
    }
}
