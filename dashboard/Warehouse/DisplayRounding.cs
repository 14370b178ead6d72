namespace StockLakehouse.Dashboard.Warehouse;

/// <summary>
/// Rounds numbers that are only displayed, so the page's data holds <c>123.46</c> rather than
/// <c>123.45678901234</c>: a chart cannot show the difference, and the file is a third the size.
/// </summary>
internal static class DisplayRounding
{
    /// <summary><paramref name="value"/> rounded to <paramref name="digits"/> significant digits (1 to 15).</summary>
    public static double Significant(double value, int digits)
    {
        if (digits is < 1 or > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(digits), digits, $"Significant digits must be between 1 and 15, not {digits}.");
        }

        if (value == 0 || !double.IsFinite(value))
        {
            return value;
        }

        var decimals = digits - (int)Math.Floor(Math.Log10(Math.Abs(value))) - 1;
        if (decimals >= 0)
        {
            return Math.Round(value, Math.Min(decimals, 15), MidpointRounding.AwayFromZero);
        }

        var scale = Math.Pow(10, -decimals);
        return Math.Round(value / scale, MidpointRounding.AwayFromZero) * scale;
    }

    /// <summary><paramref name="value"/> rounded to <paramref name="decimals"/> decimals (0 to 15).</summary>
    public static double Fixed(double value, int decimals) =>
        decimals is < 0 or > 15
            ? throw new ArgumentOutOfRangeException(nameof(decimals), decimals, $"Decimals must be between 0 and 15, not {decimals}.")
            : double.IsFinite(value) ? Math.Round(value, decimals, MidpointRounding.AwayFromZero) : value;
}
