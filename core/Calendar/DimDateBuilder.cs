using System.Globalization;
using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.Calendar;

/// <summary>Builds the rows of the dim_date dimension from <see cref="NyseCalendar"/>.</summary>
public static class DimDateBuilder
{
    // Spelled out rather than taken from a culture so the names never depend on the machine's locale.
    private static readonly string[] _dayNames =
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    private static readonly string[] _monthNames =
    [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ];

    /// <summary>
    /// One row per calendar day from <paramref name="from"/> through <paramref name="toInclusive"/> (both
    /// included, ascending), with columns in this order: date_key (Int64, yyyymmdd), full_date (Date),
    /// day_of_week (Int64, ISO 1 = Monday … 7 = Sunday), day_name (String, English), month (Int64, 1–12),
    /// month_name (String, English), quarter (Int64, 1–4), year (Int64), week_of_year (Int64, ISO 8601 week, so
    /// early-January and late-December days may belong to the neighbouring ISO year), is_weekend,
    /// is_trading_day and is_early_close (Boolean, per the NYSE calendar), holiday_name (String; the NYSE
    /// full-day closure's name, null on other days and always null on weekends). Dates are New York dates and
    /// must lie within <see cref="NyseCalendar.MinYear"/>–<see cref="NyseCalendar.MaxYear"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="toInclusive"/> is before <paramref name="from"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A date lies outside the calendar's supported years.</exception>
    public static RecordBatch Build(DateOnly from, DateOnly toInclusive)
    {
        if (toInclusive < from)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"dim_date's range ends ({toInclusive:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}); both ends are inclusive."),
                nameof(toInclusive));
        }

        var calendar = NyseCalendar.Instance;
        var rows = toInclusive.DayNumber - from.DayNumber + 1;
        var dateKey = new long[rows];
        var fullDate = new DateOnly[rows];
        var dayOfWeek = new long[rows];
        var dayName = new string?[rows];
        var month = new long[rows];
        var monthName = new string?[rows];
        var quarter = new long[rows];
        var year = new long[rows];
        var weekOfYear = new long[rows];
        var isWeekend = new bool[rows];
        var isTradingDay = new bool[rows];
        var isEarlyClose = new bool[rows];
        var holidayName = new string?[rows];

        var date = from;
        for (var row = 0; row < rows; row++, date = date.AddDays(1))
        {
            // DayOfWeek numbers Sunday 0; ISO numbers it 7.
            var isoDay = date.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)date.DayOfWeek;
            dateKey[row] = DateKey.From(date);
            fullDate[row] = date;
            dayOfWeek[row] = isoDay;
            dayName[row] = _dayNames[isoDay - 1];
            month[row] = date.Month;
            monthName[row] = _monthNames[date.Month - 1];
            quarter[row] = ((date.Month - 1) / 3) + 1;
            year[row] = date.Year;
            weekOfYear[row] = ISOWeek.GetWeekOfYear(date);
            isWeekend[row] = calendar.IsWeekend(date);
            isTradingDay[row] = calendar.IsTradingDay(date);
            isEarlyClose[row] = calendar.IsEarlyClose(date);
            holidayName[row] = calendar.HolidayName(date);
        }

        return new RecordBatch(
        [
            new Int64Column("date_key", dateKey),
            new DateColumn("full_date", fullDate),
            new Int64Column("day_of_week", dayOfWeek),
            new StringColumn("day_name", dayName),
            new Int64Column("month", month),
            new StringColumn("month_name", monthName),
            new Int64Column("quarter", quarter),
            new Int64Column("year", year),
            new Int64Column("week_of_year", weekOfYear),
            new BooleanColumn("is_weekend", isWeekend),
            new BooleanColumn("is_trading_day", isTradingDay),
            new BooleanColumn("is_early_close", isEarlyClose),
            new StringColumn("holiday_name", holidayName),
        ]);
    }
}
