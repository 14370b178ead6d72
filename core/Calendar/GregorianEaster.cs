namespace StockLakehouse.Core.Calendar;

/// <summary>Western (Gregorian) Easter Sunday, which fixes Good Friday two days earlier.</summary>
internal static class GregorianEaster
{
    /// <summary>
    /// Easter Sunday of <paramref name="year"/> by the anonymous Gregorian computus (Meeus/Jones/Butcher),
    /// exact for every Gregorian year; all arithmetic is integer division.
    /// </summary>
    public static DateOnly Sunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1583);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);

        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var monthDay = h + l - (7 * m) + 114;
        return new DateOnly(year, monthDay / 31, (monthDay % 31) + 1);
    }
}
