using static StockLakehouse.Core.Tests.Calendar.TestDates;

namespace StockLakehouse.Core.Tests.Calendar;

public sealed class NyseCalendarEarlyCloseTests
{
    [Theory]
    [InlineData("2017-07-03")] // July 3 on a Monday.
    [InlineData("2012-07-03")] // Tuesday.
    [InlineData("2018-07-03")] // Tuesday.
    [InlineData("2013-07-03")] // Wednesday, the first year Wednesday counts.
    [InlineData("2019-07-03")] // Wednesday.
    [InlineData("2024-07-03")] // Wednesday.
    [InlineData("2008-07-03")] // Thursday.
    [InlineData("2025-07-03")] // Thursday.
    [InlineData("2023-11-24")] // Day after Thanksgiving.
    [InlineData("2024-11-29")]
    [InlineData("2018-12-24")] // Christmas Eve on a Monday.
    [InlineData("2024-12-24")] // Tuesday.
    [InlineData("2025-12-24")] // Wednesday.
    [InlineData("2020-12-24")] // Thursday.
    public void IsEarlyClose_RuleDay_TrueAndClosesAtOne(string date)
    {
        Assert.True(Nyse.IsTradingDay(D(date)));
        Assert.True(Nyse.IsEarlyClose(D(date)));
        Assert.Equal(new TimeOnly(13, 0), Nyse.CloseTime(D(date)));
    }

    [Theory]
    [InlineData("2002-07-03")] // Wednesday before 2013: a regular session.
    [InlineData("2024-07-05")] // The day after Independence Day.
    [InlineData("2023-07-05")]
    [InlineData("2022-12-23")] // Christmas Eve 2022 is a Saturday; the Friday before is a regular session.
    [InlineData("2024-11-27")] // The day before Thanksgiving.
    [InlineData("2024-12-23")]
    [InlineData("2024-12-26")]
    [InlineData("2024-12-31")]
    public void IsEarlyClose_OrdinaryTradingDay_FalseAndClosesAtFour(string date)
    {
        Assert.True(Nyse.IsTradingDay(D(date)));
        Assert.False(Nyse.IsEarlyClose(D(date)));
        Assert.Equal(new TimeOnly(16, 0), Nyse.CloseTime(D(date)));
    }

    [Theory]
    [InlineData("2020-07-03")] // July 3 on a Friday is the observed Independence Day.
    [InlineData("2026-07-03")]
    [InlineData("2021-12-24")] // Christmas Eve on a Friday is the observed Christmas Day.
    [InlineData("2027-12-24")]
    [InlineData("2022-07-03")] // July 3 on a Sunday.
    [InlineData("2022-12-24")] // Christmas Eve on a Saturday.
    public void IsEarlyClose_RuleDayWhenExchangeIsClosed_FalseAndNoCloseTime(string date)
    {
        Assert.False(Nyse.IsTradingDay(D(date)));
        Assert.False(Nyse.IsEarlyClose(D(date)));
        Assert.Null(Nyse.CloseTime(D(date)));
    }

    [Theory]
    [InlineData(2019, 3)] // July 3, day after Thanksgiving, Christmas Eve.
    [InlineData(2020, 2)] // July 3 is the observed Independence Day.
    [InlineData(2021, 1)] // July 3 is a Saturday; Christmas Eve is the observed Christmas Day.
    [InlineData(2022, 1)] // July 3 is a Sunday; Christmas Eve is a Saturday.
    [InlineData(2024, 3)]
    [InlineData(2002, 2)] // July 3 is a Wednesday before 2013.
    public void IsEarlyClose_FullYear_CountMatchesRules(int year, int expected)
    {
        var earlyCloses = Nyse
            .TradingDays(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31))
            .Count(Nyse.IsEarlyClose);

        Assert.Equal(expected, earlyCloses);
    }
}
