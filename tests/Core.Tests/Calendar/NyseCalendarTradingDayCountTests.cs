using static StockLakehouse.Core.Tests.Calendar.TestDates;

namespace StockLakehouse.Core.Tests.Calendar;

public sealed class NyseCalendarTradingDayCountTests
{
    [Theory]
    // Published NYSE session counts.
    [InlineData(2001, 248)] // Four days closed after September 11.
    [InlineData(2012, 250)] // Two days closed for Hurricane Sandy.
    [InlineData(2019, 252)]
    [InlineData(2020, 253)]
    [InlineData(2021, 252)]
    [InlineData(2022, 251)]
    [InlineData(2023, 250)]
    [InlineData(2024, 252)]
    public void CountTradingDays_FullYear_MatchesPublishedNyseFigure(int year, int expected)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);

        Assert.Equal(expected, Nyse.CountTradingDays(from, to));
        Assert.Equal(expected, Nyse.TradingDays(from, to).Count());
    }

    [Theory]
    [InlineData("2024-03-29", "2024-03-29", 0)] // A holiday alone.
    [InlineData("2024-03-28", "2024-03-28", 1)] // A trading day alone: both ends inclusive.
    [InlineData("2024-03-28", "2024-04-01", 2)] // Across Good Friday and the weekend.
    [InlineData("2023-12-29", "2024-01-02", 2)] // Across the year end.
    [InlineData("2001-09-10", "2001-09-17", 2)]
    [InlineData("2019-01-01", "2024-12-31", 1510)] // 252 + 253 + 252 + 251 + 250 + 252.
    public void CountTradingDays_Range_CountsBothEnds(string from, string to, int expected)
    {
        Assert.Equal(expected, Nyse.CountTradingDays(D(from), D(to)));
    }

    [Fact]
    public void CountTradingDays_ManyRanges_AgreesWithDayByDayCount()
    {
        var start = new DateOnly(2011, 12, 20);
        var days = new List<DateOnly>();
        for (var date = start; date <= new DateOnly(2014, 1, 10); date = date.AddDays(1))
        {
            days.Add(date);
        }

        for (var i = 0; i < days.Count; i += 7)
        {
            for (var j = i; j < days.Count; j += 11)
            {
                var expected = days.Skip(i).Take(j - i + 1).Count(Nyse.IsTradingDay);
                Assert.Equal(expected, Nyse.CountTradingDays(days[i], days[j]));
            }
        }
    }

    [Fact]
    public void TradingDays_Range_AscendingTradingDaysOnlyAndEveryOne()
    {
        var from = new DateOnly(2023, 12, 20);
        var to = new DateOnly(2024, 1, 10);

        var expected = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1)
            .Select(from.AddDays)
            .Where(Nyse.IsTradingDay)
            .ToList();

        Assert.Equal(expected, Nyse.TradingDays(from, to));
        Assert.Equal(new DateOnly(2023, 12, 20), expected[0]);
        Assert.DoesNotContain(new DateOnly(2023, 12, 25), expected);
        Assert.DoesNotContain(new DateOnly(2024, 1, 1), expected);
    }

    [Fact]
    public void TradingDays_EndBeforeStart_ThrowsBeforeEnumerating()
    {
        var error = Assert.Throws<ArgumentException>(
            () => Nyse.TradingDays(new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 1)));
        Assert.Equal("toInclusive", error.ParamName);
    }

    [Fact]
    public void CountTradingDays_EndBeforeStart_Throws()
    {
        Assert.Throws<ArgumentException>(
            () => Nyse.CountTradingDays(new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 1)));
    }
}
