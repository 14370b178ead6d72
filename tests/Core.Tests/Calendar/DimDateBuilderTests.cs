using static StockLakehouse.Core.Tests.Calendar.TestDates;

namespace StockLakehouse.Core.Tests.Calendar;

public sealed class DimDateBuilderTests
{
    [Fact]
    public void Build_AnyRange_ColumnsInOrderWithTypes()
    {
        var batch = DimDateBuilder.Build(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 7));

        var expected = new (string Name, Type Type)[]
        {
            ("date_key", typeof(Int64Column)),
            ("full_date", typeof(DateColumn)),
            ("day_of_week", typeof(Int64Column)),
            ("day_name", typeof(StringColumn)),
            ("month", typeof(Int64Column)),
            ("month_name", typeof(StringColumn)),
            ("quarter", typeof(Int64Column)),
            ("year", typeof(Int64Column)),
            ("week_of_year", typeof(Int64Column)),
            ("is_weekend", typeof(BooleanColumn)),
            ("is_trading_day", typeof(BooleanColumn)),
            ("is_early_close", typeof(BooleanColumn)),
            ("holiday_name", typeof(StringColumn)),
        };
        Assert.Equal(expected, batch.Columns.Select(c => (c.Name, c.GetType())));
    }

    [Theory]
    [InlineData("2024-01-01", "2024-12-31", 366)]
    [InlineData("2023-01-01", "2023-12-31", 365)]
    [InlineData("2024-03-08", "2024-03-08", 1)]
    [InlineData("2020-01-01", "2029-12-31", 3653)]
    public void Build_Range_OneRowPerCalendarDayWithConsecutiveKeys(string from, string to, int expectedRows)
    {
        var batch = DimDateBuilder.Build(D(from), D(to));

        Assert.Equal(expectedRows, batch.RowCount);
        var keys = batch.Get<Int64Column>("date_key").Values;
        var dates = batch.Get<DateColumn>("full_date").Values;
        Assert.Equal(DateKey.From(D(from)), keys[0]);
        Assert.Equal(DateKey.From(D(to)), keys[^1]);
        for (var row = 0; row < batch.RowCount; row++)
        {
            Assert.Equal(D(from).AddDays(row), dates[row]);
            Assert.Equal(DateKey.From(dates[row]), keys[row]);
        }
    }

    [Theory]
    [InlineData("2024-12-29", 52)]
    [InlineData("2024-12-30", 1)] // Belongs to ISO week 1 of 2025.
    [InlineData("2025-01-01", 1)]
    [InlineData("2020-12-31", 53)]
    [InlineData("2021-01-03", 53)] // Belongs to ISO week 53 of 2020.
    [InlineData("2021-01-04", 1)]
    [InlineData("2027-01-01", 53)] // Belongs to ISO week 53 of 2026.
    public void Build_DayNearYearBoundary_IsoWeekOfYear(string date, long expectedWeek)
    {
        var batch = DimDateBuilder.Build(D(date), D(date));

        Assert.Equal(expectedWeek, batch.Get<Int64Column>("week_of_year").Values[0]);
        Assert.Equal(D(date).Year, batch.Get<Int64Column>("year").Values[0]);
    }

    [Theory]
    [InlineData("2024-03-11", 1, "Monday", 3, "March", 1)]
    [InlineData("2024-03-31", 7, "Sunday", 3, "March", 1)]
    [InlineData("2024-04-01", 1, "Monday", 4, "April", 2)]
    [InlineData("2024-07-04", 4, "Thursday", 7, "July", 3)]
    [InlineData("2024-09-30", 1, "Monday", 9, "September", 3)]
    [InlineData("2024-10-01", 2, "Tuesday", 10, "October", 4)]
    [InlineData("2024-12-28", 6, "Saturday", 12, "December", 4)]
    [InlineData("2025-01-01", 3, "Wednesday", 1, "January", 1)]
    [InlineData("2025-02-14", 5, "Friday", 2, "February", 1)]
    public void Build_Day_IsoDayOfWeekEnglishNamesAndQuarter(
        string date, long dayOfWeek, string dayName, long month, string monthName, long quarter)
    {
        var batch = DimDateBuilder.Build(D(date), D(date));

        Assert.Equal(dayOfWeek, batch.Get<Int64Column>("day_of_week").Values[0]);
        Assert.Equal(dayName, batch.Get<StringColumn>("day_name").Values[0]);
        Assert.Equal(month, batch.Get<Int64Column>("month").Values[0]);
        Assert.Equal(monthName, batch.Get<StringColumn>("month_name").Values[0]);
        Assert.Equal(quarter, batch.Get<Int64Column>("quarter").Values[0]);
    }

    [Theory]
    [InlineData("2021-12-24", false, false, false, "Christmas Day")] // Observed on the Friday.
    [InlineData("2021-12-25", true, false, false, null)] // The Saturday itself carries no name.
    [InlineData("2024-07-03", false, true, true, null)]
    [InlineData("2024-07-04", false, false, false, "Independence Day")]
    [InlineData("2012-10-29", false, false, false, "Hurricane Sandy")]
    [InlineData("2024-03-28", false, true, false, null)]
    public void Build_Day_CalendarFlagsAndHolidayName(
        string date, bool isWeekend, bool isTradingDay, bool isEarlyClose, string? holidayName)
    {
        var batch = DimDateBuilder.Build(D(date), D(date));

        Assert.Equal(isWeekend, batch.Get<BooleanColumn>("is_weekend").Values[0]);
        Assert.Equal(isTradingDay, batch.Get<BooleanColumn>("is_trading_day").Values[0]);
        Assert.Equal(isEarlyClose, batch.Get<BooleanColumn>("is_early_close").Values[0]);
        Assert.Equal(holidayName, batch.Get<StringColumn>("holiday_name").Values[0]);
        Assert.Equal(holidayName is null, batch["holiday_name"].IsNull(0));
    }

    [Fact]
    public void Build_MultiYearRange_EveryRowAgreesWithNyseCalendar()
    {
        var batch = DimDateBuilder.Build(new DateOnly(1995, 1, 1), new DateOnly(2030, 12, 31));

        var dates = batch.Get<DateColumn>("full_date").Values;
        var isWeekend = batch.Get<BooleanColumn>("is_weekend").Values;
        var isTradingDay = batch.Get<BooleanColumn>("is_trading_day").Values;
        var isEarlyClose = batch.Get<BooleanColumn>("is_early_close").Values;
        var holidayName = batch.Get<StringColumn>("holiday_name").Values;
        var tradingRows = 0;
        for (var row = 0; row < batch.RowCount; row++)
        {
            var date = dates[row];
            Assert.Equal(Nyse.IsTradingDay(date), isTradingDay[row]);
            Assert.Equal(Nyse.IsEarlyClose(date), isEarlyClose[row]);
            Assert.Equal(Nyse.HolidayName(date), holidayName[row]);
            Assert.Equal(date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, isWeekend[row]);
            if (isWeekend[row])
            {
                Assert.Null(holidayName[row]);
            }

            tradingRows += isTradingDay[row] ? 1 : 0;
        }

        Assert.Equal(Nyse.CountTradingDays(new DateOnly(1995, 1, 1), new DateOnly(2030, 12, 31)), tradingRows);
    }

    [Fact]
    public void Build_EndBeforeStart_Throws()
    {
        var error = Assert.Throws<ArgumentException>(
            () => DimDateBuilder.Build(new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 1)));
        Assert.Equal("toInclusive", error.ParamName);
    }

    [Fact]
    public void Build_RangeOutsideSupportedYears_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => DimDateBuilder.Build(new DateOnly(1989, 12, 30), new DateOnly(1990, 1, 5)));
    }
}
