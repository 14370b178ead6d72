using static StockLakehouse.Core.Tests.Calendar.TestDates;

namespace StockLakehouse.Core.Tests.Calendar;

public sealed class NyseCalendarHolidayTests
{
    [Theory]
    // New Year's Day, including Sunday → Monday.
    [InlineData("2019-01-01", "New Year's Day")]
    [InlineData("2024-01-01", "New Year's Day")]
    [InlineData("2017-01-02", "New Year's Day")]
    [InlineData("2023-01-02", "New Year's Day")]
    // Martin Luther King Jr. Day, third Monday of January since 1998.
    [InlineData("1998-01-19", "Martin Luther King Jr. Day")]
    [InlineData("2024-01-15", "Martin Luther King Jr. Day")]
    [InlineData("2025-01-20", "Martin Luther King Jr. Day")]
    // Washington's Birthday, third Monday of February.
    [InlineData("1990-02-19", "Washington's Birthday")]
    [InlineData("2024-02-19", "Washington's Birthday")]
    [InlineData("2025-02-17", "Washington's Birthday")]
    // Good Friday, two days before Western Easter.
    [InlineData("2008-03-21", "Good Friday")]
    [InlineData("2019-04-19", "Good Friday")]
    [InlineData("2024-03-29", "Good Friday")]
    [InlineData("2025-04-18", "Good Friday")]
    [InlineData("2026-04-03", "Good Friday")]
    // Memorial Day, last Monday of May (also when May has five Mondays).
    [InlineData("2021-05-31", "Memorial Day")]
    [InlineData("2024-05-27", "Memorial Day")]
    [InlineData("2025-05-26", "Memorial Day")]
    // Juneteenth since 2022, nearest weekday.
    [InlineData("2022-06-20", "Juneteenth National Independence Day")]
    [InlineData("2023-06-19", "Juneteenth National Independence Day")]
    [InlineData("2024-06-19", "Juneteenth National Independence Day")]
    [InlineData("2027-06-18", "Juneteenth National Independence Day")]
    // Independence Day, nearest weekday.
    [InlineData("2024-07-04", "Independence Day")]
    [InlineData("2020-07-03", "Independence Day")]
    [InlineData("2026-07-03", "Independence Day")]
    [InlineData("2021-07-05", "Independence Day")]
    // Labor Day, first Monday of September.
    [InlineData("2024-09-02", "Labor Day")]
    [InlineData("2025-09-01", "Labor Day")]
    // Thanksgiving Day, fourth Thursday of November (also when November has five Thursdays).
    [InlineData("2023-11-23", "Thanksgiving Day")]
    [InlineData("2024-11-28", "Thanksgiving Day")]
    [InlineData("2025-11-27", "Thanksgiving Day")]
    // Christmas Day, nearest weekday.
    [InlineData("2024-12-25", "Christmas Day")]
    [InlineData("2021-12-24", "Christmas Day")]
    [InlineData("2022-12-26", "Christmas Day")]
    [InlineData("2016-12-26", "Christmas Day")]
    public void HolidayName_ScheduledHolidayOrObservedDay_ClosedWithName(string date, string expectedName)
    {
        Assert.False(Nyse.IsTradingDay(D(date)));
        Assert.Equal(expectedName, Nyse.HolidayName(D(date)));
        Assert.False(Nyse.IsEarlyClose(D(date)));
    }

    [Theory]
    [InlineData("2001-09-11", "September 11 attacks")]
    [InlineData("2001-09-12", "September 11 attacks")]
    [InlineData("2001-09-13", "September 11 attacks")]
    [InlineData("2001-09-14", "September 11 attacks")]
    [InlineData("1994-04-27", "National Day of Mourning, Richard Nixon")]
    [InlineData("2004-06-11", "National Day of Mourning, Ronald Reagan")]
    [InlineData("2007-01-02", "National Day of Mourning, Gerald Ford")]
    [InlineData("2012-10-29", "Hurricane Sandy")]
    [InlineData("2012-10-30", "Hurricane Sandy")]
    [InlineData("2018-12-05", "National Day of Mourning, George H. W. Bush")]
    [InlineData("2025-01-09", "National Day of Mourning, Jimmy Carter")]
    public void HolidayName_AdHocClosure_ClosedWithName(string date, string expectedName)
    {
        Assert.False(Nyse.IsTradingDay(D(date)));
        Assert.Equal(expectedName, Nyse.HolidayName(D(date)));
    }

    [Theory]
    [InlineData("2021-12-31")] // New Year's Day 2022 fell on a Saturday and is not observed on the Friday.
    [InlineData("2010-12-31")] // Likewise for 2011.
    [InlineData("1997-01-20")] // Third Monday of January 1997: MLK Day was not yet an NYSE holiday.
    [InlineData("2021-06-18")] // Juneteenth 2021 (a Saturday) predates the NYSE holiday.
    [InlineData("2021-06-21")]
    [InlineData("2024-11-29")] // Day after Thanksgiving: early close, not a holiday.
    [InlineData("2022-12-23")] // Christmas 2022 fell on a Sunday, so the Friday before is open.
    [InlineData("2026-07-06")] // July 4 2026 is a Saturday, observed Friday, not Monday.
    [InlineData("2001-09-17")] // The exchange reopened after September 11.
    [InlineData("2012-10-31")] // ... and after Hurricane Sandy.
    [InlineData("2025-01-10")]
    [InlineData("2024-03-28")] // Thursday before Good Friday.
    public void IsTradingDay_WeekdayThatIsNoHoliday_True(string date)
    {
        Assert.True(Nyse.IsTradingDay(D(date)));
        Assert.Null(Nyse.HolidayName(D(date)));
    }

    [Theory]
    [InlineData("2022-01-01")] // New Year's Day on a Saturday.
    [InlineData("2023-01-01")] // New Year's Day on a Sunday (observed Monday).
    [InlineData("2021-12-25")] // Christmas on a Saturday (observed Friday).
    [InlineData("2026-07-04")] // Independence Day on a Saturday (observed Friday).
    [InlineData("2027-06-19")] // Juneteenth on a Saturday (observed Friday).
    [InlineData("2024-03-30")]
    [InlineData("2024-03-31")] // Easter Sunday.
    public void HolidayName_Weekend_NullAndNotTrading(string date)
    {
        Assert.True(Nyse.IsWeekend(D(date)));
        Assert.False(Nyse.IsTradingDay(D(date)));
        Assert.Null(Nyse.HolidayName(D(date)));
        Assert.Null(Nyse.CloseTime(D(date)));
    }

    [Theory]
    [InlineData("2024-03-29", false)]
    [InlineData("2024-03-30", true)]
    [InlineData("2024-03-31", true)]
    [InlineData("2024-04-01", false)]
    [InlineData("0001-01-06", true)] // Defined for any date, not only the supported years.
    public void IsWeekend_Date_TrueOnlyOnSaturdayAndSunday(string date, bool expected)
    {
        Assert.Equal(expected, Nyse.IsWeekend(D(date)));
    }

    [Fact]
    public void HolidayName_EveryYear_ElevenOrFewerScheduledClosuresAllOnWeekdays()
    {
        // A rule that misplaces a holiday onto a weekend or doubles one up shows up as a wrong count here.
        for (var year = NyseCalendar.MinYear; year <= NyseCalendar.MaxYear; year++)
        {
            var closures = 0;
            for (var date = new DateOnly(year, 1, 1); date.Year == year; date = date.AddDays(1))
            {
                if (Nyse.HolidayName(date) is not null)
                {
                    Assert.False(Nyse.IsWeekend(date));
                    Assert.False(Nyse.IsTradingDay(date));
                    closures++;
                }
                else
                {
                    Assert.Equal(!Nyse.IsWeekend(date), Nyse.IsTradingDay(date));
                }
            }

            var newYearOnSaturday = new DateOnly(year, 1, 1).DayOfWeek == DayOfWeek.Saturday;
            var scheduled = 8 + (year >= 1998 ? 1 : 0) + (year >= 2022 ? 1 : 0) - (newYearOnSaturday ? 1 : 0);
            var adHoc = year switch
            {
                1994 => 1,
                2001 => 4,
                2012 => 2,
                2004 or 2007 or 2018 or 2025 => 1,
                _ => 0,
            };
            Assert.True(scheduled + adHoc == closures, $"{year}: expected {scheduled + adHoc} closures, found {closures}.");
        }
    }
}
