namespace StockLakehouse.Core.Calendar;

/// <summary>
/// The integer surrogate key of a calendar date, yyyymmdd (2024-03-08 → 20240308), as dim_date and the fact
/// tables store it: it sorts like the date and reads like it.
/// </summary>
public static class DateKey
{
    /// <summary>The yyyymmdd key of <paramref name="date"/>.</summary>
    public static int From(DateOnly date) => (date.Year * 10000) + (date.Month * 100) + date.Day;

    /// <summary>The date a yyyymmdd key stands for.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="key"/> is not a real date written as yyyymmdd.</exception>
    public static DateOnly ToDate(int key)
    {
        var year = key / 10000;
        var month = key / 100 % 100;
        var day = key % 100;
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            throw new ArgumentOutOfRangeException(
                nameof(key),
                key,
                $"{key} is not a date key: expected yyyymmdd naming a real date between 00010101 and 99991231 (e.g. 20240308).");
        }

        return new DateOnly(year, month, day);
    }
}
