using static StockLakehouse.Core.Tests.Calendar.TestDates;

namespace StockLakehouse.Core.Tests.Calendar;

public sealed class NyseCalendarNavigationTests
{
    [Theory]
    [InlineData("2024-03-28", "2024-04-01")] // Good Friday long weekend.
    [InlineData("2024-03-29", "2024-04-01")] // From the holiday itself.
    [InlineData("2024-03-30", "2024-04-01")] // From the weekend.
    [InlineData("2024-01-12", "2024-01-16")] // MLK long weekend.
    [InlineData("2024-05-24", "2024-05-28")] // Memorial Day long weekend.
    [InlineData("2021-12-23", "2021-12-27")] // Observed Christmas on the Friday.
    [InlineData("2023-12-29", "2024-01-02")] // Across the year end and New Year's Day.
    [InlineData("2001-09-10", "2001-09-17")] // September 11 closures.
    [InlineData("2024-03-26", "2024-03-27")] // An ordinary weekday.
    public void NextTradingDay_Date_FirstTradingDayStrictlyAfter(string date, string expected)
    {
        Assert.Equal(D(expected), Nyse.NextTradingDay(D(date)));
    }

    [Theory]
    [InlineData("2024-04-01", "2024-03-28")]
    [InlineData("2024-03-31", "2024-03-28")]
    [InlineData("2024-01-16", "2024-01-12")]
    [InlineData("2024-05-28", "2024-05-24")]
    [InlineData("2021-12-27", "2021-12-23")]
    [InlineData("2024-01-02", "2023-12-29")]
    [InlineData("2023-01-03", "2022-12-30")] // New Year's Day observed on Monday January 2.
    [InlineData("2001-09-17", "2001-09-10")]
    [InlineData("2024-03-27", "2024-03-26")]
    public void PreviousTradingDay_Date_LastTradingDayStrictlyBefore(string date, string expected)
    {
        Assert.Equal(D(expected), Nyse.PreviousTradingDay(D(date)));
    }

    [Theory]
    [InlineData("2024-03-28", "2024-03-28")] // A trading day is its own answer.
    [InlineData("2024-03-29", "2024-03-28")]
    [InlineData("2024-03-31", "2024-03-28")]
    [InlineData("2024-01-01", "2023-12-29")]
    [InlineData("2012-10-30", "2012-10-26")] // Hurricane Sandy.
    public void LastTradingDayOnOrBefore_Date_ItselfOrPreviousTradingDay(string date, string expected)
    {
        Assert.Equal(D(expected), Nyse.LastTradingDayOnOrBefore(D(date)));
    }

    [Theory]
    [InlineData("2024-03-28", 0, "2024-03-28")]
    [InlineData("2024-03-28", 1, "2024-04-01")]
    [InlineData("2024-04-01", -1, "2024-03-28")]
    [InlineData("2023-12-29", 1, "2024-01-02")]
    [InlineData("2024-01-02", -2, "2023-12-28")]
    [InlineData("2023-01-03", 250, "2024-01-02")] // 2023 has 250 sessions, starting on January 3.
    [InlineData("2024-01-02", -250, "2023-01-03")]
    [InlineData("2019-01-02", 1510, "2025-01-02")] // Six years of sessions, 2019 through 2024.
    [InlineData("2025-01-02", -1510, "2019-01-02")]
    public void AddTradingDays_TradingDayAndOffset_CountsSessions(string date, int n, string expected)
    {
        Assert.Equal(D(expected), Nyse.AddTradingDays(D(date), n));
    }

    [Fact]
    public void AddTradingDays_AnyOffset_AgreesWithRepeatedSteps()
    {
        var start = new DateOnly(2011, 12, 1);
        var forward = start;
        var backward = start;
        for (var n = 1; n <= 600; n++)
        {
            forward = Nyse.NextTradingDay(forward);
            backward = Nyse.PreviousTradingDay(backward);
            Assert.Equal(forward, Nyse.AddTradingDays(start, n));
            Assert.Equal(backward, Nyse.AddTradingDays(start, -n));
            Assert.Equal(n + 1, Nyse.CountTradingDays(start, forward));
        }
    }

    [Theory]
    [InlineData("2024-03-29")] // Holiday.
    [InlineData("2024-03-30")] // Weekend.
    public void AddTradingDays_NonTradingDay_Throws(string date)
    {
        var error = Assert.Throws<ArgumentException>(() => Nyse.AddTradingDays(D(date), 1));
        Assert.Equal("tradingDay", error.ParamName);
        Assert.Contains(date, error.Message, StringComparison.Ordinal);
    }
}
