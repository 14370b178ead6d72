using static StockLakehouse.Core.Tests.Calendar.TestDates;

namespace StockLakehouse.Core.Tests.Calendar;

public sealed class NyseCalendarRangeTests
{
    [Theory]
    [InlineData("1989-12-31")]
    [InlineData("2100-01-01")]
    [InlineData("0001-01-01")]
    public void IsTradingDay_DateOutsideSupportedYears_ThrowsNamingTheDate(string date)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Nyse.IsTradingDay(D(date)));
        Assert.Contains(date, error.Message, StringComparison.Ordinal);
        Assert.Contains("1990-01-01..2099-12-31", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CalendarQueries_DateOutsideSupportedYears_Throw()
    {
        var before = new DateOnly(1989, 6, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => Nyse.HolidayName(before));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nyse.IsEarlyClose(before));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nyse.CloseTime(before));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nyse.SessionOpenUtc(before));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nyse.NextTradingDay(before));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nyse.LastTradingDayOnOrBefore(before));
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => Nyse.TradingDays(before, new DateOnly(1990, 1, 31)));
        Assert.Equal("from", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(
            () => Nyse.CountTradingDays(new DateOnly(2099, 1, 1), new DateOnly(2100, 1, 1)));
    }

    [Fact]
    public void NavigationFunctions_AtEdgesOfSupportedYears_WorkInsideAndThrowPastThem()
    {
        // 1990-01-01 is New Year's Day, so 1990-01-02 is the first supported session.
        Assert.Equal(new DateOnly(1990, 1, 2), Nyse.NextTradingDay(new DateOnly(1990, 1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nyse.PreviousTradingDay(new DateOnly(1990, 1, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nyse.AddTradingDays(new DateOnly(1990, 1, 2), -1));

        // 2099-12-31 is a Thursday session.
        Assert.Equal(new DateOnly(2099, 12, 30), Nyse.PreviousTradingDay(new DateOnly(2099, 12, 31)));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Nyse.NextTradingDay(new DateOnly(2099, 12, 31)));
        Assert.Contains("2099-12-31", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Nyse.AddTradingDays(new DateOnly(2099, 12, 31), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nyse.AddTradingDays(new DateOnly(2000, 1, 3), int.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nyse.AddTradingDays(new DateOnly(2000, 1, 3), int.MinValue));
    }

    [Fact]
    public void TradingDays_AllSupportedYearsQueriedConcurrently_AgreeWithDayByDayCheck()
    {
        var years = Enumerable.Range(NyseCalendar.MinYear, NyseCalendar.MaxYear - NyseCalendar.MinYear + 1).ToArray();
        var fromParallel = new int[years.Length];
        Parallel.For(0, years.Length, i =>
            fromParallel[i] = Nyse.CountTradingDays(new DateOnly(years[i], 1, 1), new DateOnly(years[i], 12, 31)));

        for (var i = 0; i < years.Length; i++)
        {
            var dayByDay = 0;
            for (var date = new DateOnly(years[i], 1, 1); date.Year == years[i]; date = date.AddDays(1))
            {
                dayByDay += Nyse.IsTradingDay(date) ? 1 : 0;
            }

            Assert.Equal(dayByDay, fromParallel[i]);
            Assert.InRange(fromParallel[i], 245, 254);
        }
    }
}
