using System.Globalization;
using System.Runtime.CompilerServices;

namespace StockLakehouse.Core.Calendar;

/// <summary>
/// The New York Stock Exchange trading calendar: regular sessions 09:30–16:00 America/New_York, early closes
/// at 13:00, weekends, scheduled holidays with their observed days, and named ad-hoc closures.
/// </summary>
/// <remarks>
/// Every <see cref="DateOnly"/> is a calendar date in New York. Supported dates are
/// <see cref="MinYear"/>-01-01 through <see cref="MaxYear"/>-12-31 inclusive; any member that needs the
/// calendar of a date outside that range throws <see cref="ArgumentOutOfRangeException"/>, while
/// <see cref="IsWeekend"/> and <see cref="TradeDateOf"/> work for any date. Each year is computed on first use,
/// once, thread-safely, and every lookup after that is O(1).
/// </remarks>
public sealed class NyseCalendar
{
    /// <summary>First supported year (inclusive).</summary>
    public const int MinYear = 1990;

    /// <summary>Last supported year (inclusive).</summary>
    public const int MaxYear = 2099;

    private readonly Lazy<NyseYear>[] _years;

    // Per year, the Unix second each day's session opens at (0 on closed days): silver asks for it once per bar.
    private readonly Lazy<long[]>[] _sessionOpens;

    private NyseCalendar()
    {
        TimeZone = NewYorkTimeZone.Resolve();
        _years = new Lazy<NyseYear>[MaxYear - MinYear + 1];
        _sessionOpens = new Lazy<long[]>[_years.Length];
        for (var i = 0; i < _years.Length; i++)
        {
            var year = MinYear + i;
            _years[i] = new Lazy<NyseYear>(() => NyseHolidayRules.BuildYear(year), LazyThreadSafetyMode.ExecutionAndPublication);
            _sessionOpens[i] = new Lazy<long[]>(() => SessionOpensOf(year), LazyThreadSafetyMode.ExecutionAndPublication);
        }
    }

    /// <summary>The shared calendar; it is immutable and safe to use from any thread.</summary>
    public static NyseCalendar Instance { get; } = new();

    /// <summary>Start of every regular session, New York time.</summary>
    public static TimeOnly SessionOpen { get; } = new(9, 30);

    /// <summary>End of a regular session, New York time.</summary>
    public static TimeOnly RegularClose { get; } = new(16, 0);

    /// <summary>End of an early-close session, New York time.</summary>
    public static TimeOnly EarlyClose { get; } = new(13, 0);

    /// <summary>The tz database id of <see cref="TimeZone"/>, for whatever names the zone outside .NET (the DAGs' templates).</summary>
    public const string TimeZoneId = NewYorkTimeZone.IanaId;

    /// <summary>America/New_York, the zone of every session time and of every date this calendar takes.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>True for Saturday and Sunday; defined for any date.</summary>
    public bool IsWeekend(DateOnly date) => IsWeekendDay(date);

    /// <summary>True when the exchange holds a session (regular or early close) on <paramref name="date"/>.</summary>
    public bool IsTradingDay(DateOnly date) => YearOf(date).IsTrading(date);

    /// <summary>
    /// The name of the full-day closure on the weekday <paramref name="date"/> (a holiday, on its observed day,
    /// or an ad-hoc closure such as "Hurricane Sandy"); null on trading days and on weekends.
    /// </summary>
    public string? HolidayName(DateOnly date) => YearOf(date).ClosureName(date);

    /// <summary>True when <paramref name="date"/> is a trading day whose session ends at 13:00.</summary>
    public bool IsEarlyClose(DateOnly date) => YearOf(date).IsEarlyClose(date);

    /// <summary>The New York time the session of <paramref name="date"/> ends; null when the exchange is closed.</summary>
    public TimeOnly? CloseTime(DateOnly date)
    {
        var year = YearOf(date);
        if (!year.IsTrading(date))
        {
            return null;
        }

        return year.IsEarlyClose(date) ? EarlyClose : RegularClose;
    }

    /// <summary>
    /// The instant the session of <paramref name="date"/> opens (09:30 New York, daylight saving applied) as a
    /// UTC <see cref="DateTimeOffset"/>; null when the exchange is closed.
    /// </summary>
    public DateTimeOffset? SessionOpenUtc(DateOnly date) =>
        IsTradingDay(date) ? DateTimeOffset.FromUnixTimeSeconds(_sessionOpens[date.Year - MinYear].Value[date.DayOfYear - 1]) : null;

    /// <summary>The Unix second each trading day of <paramref name="year"/> opens at, by day of year; 0 on the days the exchange is closed.</summary>
    private long[] SessionOpensOf(int year)
    {
        var calendar = YearAt(year);
        var opens = new long[DateTime.IsLeapYear(year) ? 366 : 365];
        foreach (var day in calendar.TradingDays)
        {
            // 09:30 is never in a DST gap or overlap (US transitions happen at 02:00), so the offset is unambiguous.
            var local = day.ToDateTime(SessionOpen, DateTimeKind.Unspecified);
            opens[day.DayOfYear - 1] = new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUnixTimeSeconds();
        }

        return opens;
    }

    /// <summary>
    /// The trading days from <paramref name="from"/> through <paramref name="toInclusive"/>, both ends included,
    /// in ascending order. Arguments are checked at the call, not on first enumeration.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="toInclusive"/> is before <paramref name="from"/>.</exception>
    public IEnumerable<DateOnly> TradingDays(DateOnly from, DateOnly toInclusive)
    {
        CheckRange(from, toInclusive);
        return Enumerate(from, toInclusive);
    }

    /// <summary>The number of trading days from <paramref name="from"/> through <paramref name="toInclusive"/>, both included.</summary>
    /// <exception cref="ArgumentException"><paramref name="toInclusive"/> is before <paramref name="from"/>.</exception>
    public int CountTradingDays(DateOnly from, DateOnly toInclusive)
    {
        CheckRange(from, toInclusive);
        var count = -YearOf(from).TradingDaysBefore(from);
        for (var year = from.Year; year < toInclusive.Year; year++)
        {
            count += YearAt(year).TradingDays.Length;
        }

        var last = YearOf(toInclusive);
        return count + last.TradingDaysBefore(toInclusive) + (last.IsTrading(toInclusive) ? 1 : 0);
    }

    /// <summary>The first trading day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextTradingDay(DateOnly date)
    {
        var year = YearOf(date);
        var index = year.TradingDaysBefore(date) + (year.IsTrading(date) ? 1 : 0);
        if (index < year.TradingDays.Length)
        {
            return year.TradingDays[index];
        }

        return AdjacentYear(date, 1).TradingDays[0];
    }

    /// <summary>The last trading day strictly before <paramref name="date"/>.</summary>
    public DateOnly PreviousTradingDay(DateOnly date)
    {
        var year = YearOf(date);
        var index = year.TradingDaysBefore(date) - 1;
        if (index >= 0)
        {
            return year.TradingDays[index];
        }

        return AdjacentYear(date, -1).TradingDays[^1];
    }

    /// <summary><paramref name="date"/> itself when it is a trading day, otherwise the last trading day before it.</summary>
    public DateOnly LastTradingDayOnOrBefore(DateOnly date) =>
        IsTradingDay(date) ? date : PreviousTradingDay(date);

    /// <summary>
    /// The trading day <paramref name="n"/> sessions after <paramref name="tradingDay"/> (before it when
    /// <paramref name="n"/> is negative; the day itself when zero).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="tradingDay"/> is not a trading day.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The result would fall outside the supported years.</exception>
    public DateOnly AddTradingDays(DateOnly tradingDay, int n)
    {
        var year = YearOf(tradingDay);
        if (!year.IsTrading(tradingDay))
        {
            throw new ArgumentException(
                $"{Iso(tradingDay)} is not an NYSE trading day; AddTradingDays counts sessions from a trading day.",
                nameof(tradingDay));
        }

        // Walk whole years, so a large n costs one step per year rather than one per day.
        var target = (long)year.TradingDaysBefore(tradingDay) + n;
        var yearNumber = tradingDay.Year;
        while (target < 0 || target >= year.TradingDays.Length)
        {
            if (target < 0)
            {
                yearNumber--;
                year = WalkedYear(yearNumber, tradingDay, n);
                target += year.TradingDays.Length;
            }
            else
            {
                target -= year.TradingDays.Length;
                yearNumber++;
                year = WalkedYear(yearNumber, tradingDay, n);
            }
        }

        return year.TradingDays[target];
    }

    /// <summary>
    /// The last session that had ended at <paramref name="instant"/>: the New York date itself once its close
    /// (16:00, or 13:00 on an early close) has passed, otherwise the trading day before it. Data for a later
    /// date is a bar still forming.
    /// </summary>
    public DateOnly LastCompletedSession(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZone);
        var today = DateOnly.FromDateTime(local.DateTime);
        return CloseTime(today) is { } close && TimeOnly.FromDateTime(local.DateTime) >= close
            ? today
            : LastTradingDayOnOrBefore(today.AddDays(-1));
    }

    /// <summary>The New York calendar date of <paramref name="instant"/>; defined for any instant.</summary>
    public DateOnly TradeDateOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    internal static bool IsWeekendDay(DateOnly date) =>
        date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static ArgumentOutOfRangeException OutOfRange(string paramName, object actual, string message) =>
        new(paramName, actual, $"{message}, outside the NYSE calendar's supported range {MinYear}-01-01..{MaxYear}-12-31.");

    private NyseYear YearOf(DateOnly date, [CallerArgumentExpression(nameof(date))] string paramName = "date")
    {
        if (date.Year is < MinYear or > MaxYear)
        {
            throw OutOfRange(paramName, date, $"The date {Iso(date)} is");
        }

        return _years[date.Year - MinYear].Value;
    }

    /// <summary>The year after or before <paramref name="date"/>'s, entered by Next/PreviousTradingDay.</summary>
    private NyseYear AdjacentYear(DateOnly date, int step)
    {
        var year = date.Year + step;
        if (year is < MinYear or > MaxYear)
        {
            var direction = step > 0 ? "after" : "before";
            throw OutOfRange(nameof(date), date, $"The trading day {direction} {Iso(date)} would fall in {year}");
        }

        return _years[year - MinYear].Value;
    }

    /// <summary>A year entered while AddTradingDays walks from <paramref name="tradingDay"/>.</summary>
    private NyseYear WalkedYear(int year, DateOnly tradingDay, int n)
    {
        if (year is < MinYear or > MaxYear)
        {
            throw OutOfRange(nameof(n), n, $"{Iso(tradingDay)} moved by {n} trading days would fall in {year}");
        }

        return _years[year - MinYear].Value;
    }

    private NyseYear YearAt(int year) => _years[year - MinYear].Value;

    private void CheckRange(DateOnly from, DateOnly toInclusive)
    {
        if (toInclusive < from)
        {
            throw new ArgumentException(
                $"The range ends ({Iso(toInclusive)}) before it starts ({Iso(from)}); both ends are inclusive.",
                nameof(toInclusive));
        }

        _ = YearOf(from);
        _ = YearOf(toInclusive);
    }

    private IEnumerable<DateOnly> Enumerate(DateOnly from, DateOnly toInclusive)
    {
        for (var yearNumber = from.Year; yearNumber <= toInclusive.Year; yearNumber++)
        {
            var year = YearAt(yearNumber);
            var start = yearNumber == from.Year ? year.TradingDaysBefore(from) : 0;
            for (var i = start; i < year.TradingDays.Length; i++)
            {
                var day = year.TradingDays[i];
                if (day > toInclusive)
                {
                    yield break;
                }

                yield return day;
            }
        }
    }
}
