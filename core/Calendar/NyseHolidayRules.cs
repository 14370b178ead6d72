namespace StockLakehouse.Core.Calendar;

/// <summary>
/// The NYSE's holiday and early-close rules (NYSE Rule 7.2 and its published holiday schedules), applied to one
/// year at a time. All dates are New York calendar dates.
/// </summary>
internal static class NyseHolidayRules
{
    public const string NewYearsDay = "New Year's Day";
    public const string MartinLutherKingJrDay = "Martin Luther King Jr. Day";
    public const string WashingtonsBirthday = "Washington's Birthday";
    public const string GoodFriday = "Good Friday";
    public const string MemorialDay = "Memorial Day";
    public const string Juneteenth = "Juneteenth National Independence Day";
    public const string IndependenceDay = "Independence Day";
    public const string LaborDay = "Labor Day";
    public const string ThanksgivingDay = "Thanksgiving Day";
    public const string ChristmasDay = "Christmas Day";

    /// <summary>Unscheduled full-day closures, each with the reason the exchange gave.</summary>
    private static readonly KeyValuePair<DateOnly, string>[] _adHocClosures =
    [
        new(new DateOnly(1994, 4, 27), "National Day of Mourning, Richard Nixon"),
        new(new DateOnly(2001, 9, 11), "September 11 attacks"),
        new(new DateOnly(2001, 9, 12), "September 11 attacks"),
        new(new DateOnly(2001, 9, 13), "September 11 attacks"),
        new(new DateOnly(2001, 9, 14), "September 11 attacks"),
        new(new DateOnly(2004, 6, 11), "National Day of Mourning, Ronald Reagan"),
        new(new DateOnly(2007, 1, 2), "National Day of Mourning, Gerald Ford"),
        new(new DateOnly(2012, 10, 29), "Hurricane Sandy"),
        new(new DateOnly(2012, 10, 30), "Hurricane Sandy"),
        new(new DateOnly(2018, 12, 5), "National Day of Mourning, George H. W. Bush"),
        new(new DateOnly(2025, 1, 9), "National Day of Mourning, Jimmy Carter"),
    ];

    /// <summary>Builds the precomputed calendar of <paramref name="year"/>.</summary>
    public static NyseYear BuildYear(int year)
    {
        var closures = new Dictionary<DateOnly, string>();

        // New Year's Day on a Sunday moves to Monday, but on a Saturday it is not observed on the Friday before:
        // Rule 7.2 spares the last trading day of a year (the end of an accounting period).
        var newYear = new DateOnly(year, 1, 1);
        if (newYear.DayOfWeek == DayOfWeek.Sunday)
        {
            closures[newYear.AddDays(1)] = NewYearsDay;
        }
        else if (newYear.DayOfWeek != DayOfWeek.Saturday)
        {
            closures[newYear] = NewYearsDay;
        }

        if (year >= 1998)
        {
            closures[NthWeekday(year, 1, DayOfWeek.Monday, 3)] = MartinLutherKingJrDay;
        }

        closures[NthWeekday(year, 2, DayOfWeek.Monday, 3)] = WashingtonsBirthday;
        closures[GregorianEaster.Sunday(year).AddDays(-2)] = GoodFriday;
        closures[LastWeekday(year, 5, DayOfWeek.Monday)] = MemorialDay;
        if (year >= 2022)
        {
            closures[NearestWeekday(new DateOnly(year, 6, 19))] = Juneteenth;
        }

        closures[NearestWeekday(new DateOnly(year, 7, 4))] = IndependenceDay;
        closures[NthWeekday(year, 9, DayOfWeek.Monday, 1)] = LaborDay;
        var thanksgiving = NthWeekday(year, 11, DayOfWeek.Thursday, 4);
        closures[thanksgiving] = ThanksgivingDay;
        closures[NearestWeekday(new DateOnly(year, 12, 25))] = ChristmasDay;

        foreach (var (date, name) in _adHocClosures)
        {
            if (date.Year == year)
            {
                closures[date] = name;
            }
        }

        bool IsTrading(DateOnly date) => !NyseCalendar.IsWeekendDay(date) && !closures.ContainsKey(date);

        var earlyCloses = new HashSet<DateOnly>();

        // July 3 closes early before a midweek Independence Day; Wednesday joined the rule in 2013. On a Friday
        // July 3 is the observed holiday itself, which the trading-day check excludes.
        var july3 = new DateOnly(year, 7, 3);
        var july3Early = july3.DayOfWeek is DayOfWeek.Monday or DayOfWeek.Tuesday or DayOfWeek.Thursday
            || (july3.DayOfWeek == DayOfWeek.Wednesday && year >= 2013);
        if (july3Early && IsTrading(july3))
        {
            earlyCloses.Add(july3);
        }

        var dayAfterThanksgiving = thanksgiving.AddDays(1);
        if (IsTrading(dayAfterThanksgiving))
        {
            earlyCloses.Add(dayAfterThanksgiving);
        }

        // A Friday Christmas Eve is the observed Christmas holiday, so only Monday–Thursday qualify.
        var christmasEve = new DateOnly(year, 12, 24);
        if (christmasEve.DayOfWeek is >= DayOfWeek.Monday and <= DayOfWeek.Thursday && IsTrading(christmasEve))
        {
            earlyCloses.Add(christmasEve);
        }

        return new NyseYear(year, closures, earlyCloses);
    }

    /// <summary>The <paramref name="n"/>th (1-based) <paramref name="dayOfWeek"/> of the month.</summary>
    private static DateOnly NthWeekday(int year, int month, DayOfWeek dayOfWeek, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)dayOfWeek - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }

    private static DateOnly LastWeekday(int year, int month, DayOfWeek dayOfWeek)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        var offset = ((int)last.DayOfWeek - (int)dayOfWeek + 7) % 7;
        return last.AddDays(-offset);
    }

    /// <summary>A fixed-date holiday's observed day: Saturday moves to Friday, Sunday to Monday.</summary>
    private static DateOnly NearestWeekday(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => date.AddDays(-1),
        DayOfWeek.Sunday => date.AddDays(1),
        _ => date,
    };
}
