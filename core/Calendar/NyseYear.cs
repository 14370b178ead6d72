namespace StockLakehouse.Core.Calendar;

/// <summary>
/// One calendar year of the NYSE calendar, precomputed so every lookup is an array index by day of year.
/// Immutable once built, so one instance is shared by all threads.
/// </summary>
internal sealed class NyseYear
{
    private readonly bool[] _isTrading;
    private readonly bool[] _isEarlyClose;
    private readonly string?[] _closureNames;

    // _tradingBefore[i] is the number of trading days in this year strictly before day index i, which is also
    // the index in TradingDays of the first trading day on or after day index i.
    private readonly int[] _tradingBefore;

    /// <param name="year">The calendar year.</param>
    /// <param name="closures">Full-day closures on weekdays of this year, by date, with their names.</param>
    /// <param name="earlyCloses">Trading days of this year that close at 13:00.</param>
    public NyseYear(int year, IReadOnlyDictionary<DateOnly, string> closures, IReadOnlySet<DateOnly> earlyCloses)
    {
        Year = year;
        var days = DateTime.IsLeapYear(year) ? 366 : 365;
        _isTrading = new bool[days];
        _isEarlyClose = new bool[days];
        _closureNames = new string?[days];
        _tradingBefore = new int[days];
        var tradingDays = new List<DateOnly>(262);
        var date = new DateOnly(year, 1, 1);
        for (var i = 0; i < days; i++, date = date.AddDays(1))
        {
            _tradingBefore[i] = tradingDays.Count;
            if (NyseCalendar.IsWeekendDay(date))
            {
                continue;
            }

            if (closures.TryGetValue(date, out var name))
            {
                _closureNames[i] = name;
                continue;
            }

            _isTrading[i] = true;
            _isEarlyClose[i] = earlyCloses.Contains(date);
            tradingDays.Add(date);
        }

        TradingDays = [.. tradingDays];
    }

    public int Year { get; }

    /// <summary>This year's trading days in ascending order.</summary>
    public DateOnly[] TradingDays { get; }

    public bool IsTrading(DateOnly date) => _isTrading[date.DayOfYear - 1];

    public bool IsEarlyClose(DateOnly date) => _isEarlyClose[date.DayOfYear - 1];

    public string? ClosureName(DateOnly date) => _closureNames[date.DayOfYear - 1];

    /// <summary>The number of this year's trading days strictly before <paramref name="date"/>.</summary>
    public int TradingDaysBefore(DateOnly date) => _tradingBefore[date.DayOfYear - 1];
}
