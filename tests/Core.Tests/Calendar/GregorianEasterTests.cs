using static StockLakehouse.Core.Tests.Calendar.TestDates;

namespace StockLakehouse.Core.Tests.Calendar;

public sealed class GregorianEasterTests
{
    [Theory]
    [InlineData(1990, "1990-04-15")]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2008, "2008-03-23")] // Near the earliest possible date.
    [InlineData(2019, "2019-04-21")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2038, "2038-04-25")] // The latest possible date.
    [InlineData(2099, "2099-04-12")]
    public void Sunday_Year_WesternEaster(int year, string expected)
    {
        Assert.Equal(D(expected), GregorianEaster.Sunday(year));
    }

    [Fact]
    public void Sunday_EverySupportedYear_ASundayBetweenMarch22AndApril25()
    {
        for (var year = 1990; year <= 2099; year++)
        {
            var easter = GregorianEaster.Sunday(year);
            Assert.Equal(DayOfWeek.Sunday, easter.DayOfWeek);
            Assert.InRange(easter, new DateOnly(year, 3, 22), new DateOnly(year, 4, 25));
        }
    }
}
