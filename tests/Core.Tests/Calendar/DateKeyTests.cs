using static StockLakehouse.Core.Tests.Calendar.TestDates;

namespace StockLakehouse.Core.Tests.Calendar;

public sealed class DateKeyTests
{
    [Theory]
    [InlineData("2024-03-08", 20240308)]
    [InlineData("1990-01-01", 19900101)]
    [InlineData("2099-12-31", 20991231)]
    [InlineData("2024-02-29", 20240229)]
    [InlineData("0001-01-01", 10101)]
    public void From_Date_YyyyMmDd(string date, int expected)
    {
        Assert.Equal(expected, DateKey.From(D(date)));
    }

    [Theory]
    [InlineData(20240308, "2024-03-08")]
    [InlineData(20240229, "2024-02-29")]
    [InlineData(99991231, "9999-12-31")]
    public void ToDate_ValidKey_Date(int key, string expected)
    {
        Assert.Equal(D(expected), DateKey.ToDate(key));
    }

    [Theory]
    [InlineData(20230229)] // Not a leap year.
    [InlineData(20240431)] // April has 30 days.
    [InlineData(20241301)] // Month 13.
    [InlineData(20240001)] // Month 0.
    [InlineData(20240100)] // Day 0.
    [InlineData(0)]
    [InlineData(-20240101)]
    [InlineData(2024038)] // A digit short: reads as month 40.
    [InlineData(100000101)] // Year 10000.
    public void ToDate_InvalidKey_ThrowsNamingTheKey(int key)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DateKey.ToDate(key));
        Assert.Equal("key", error.ParamName);
        Assert.Contains("yyyymmdd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToDate_KeyOfEveryDayOfSupportedYears_RoundTripsAndSortsLikeTheDate()
    {
        var previous = 0;
        for (var date = new DateOnly(1990, 1, 1); date.Year < 2100; date = date.AddDays(1))
        {
            var key = DateKey.From(date);
            Assert.True(key > previous);
            Assert.Equal(date, DateKey.ToDate(key));
            previous = key;
        }
    }
}
