using System.Globalization;

namespace StockLakehouse.Extractor.Sources.Http;

/// <summary>Reads an HTTP Retry-After value, which is either a number of seconds or an HTTP-date (RFC 9110 §10.2.3).</summary>
internal static class RetryAfterHeader
{
    /// <summary>The wait the value asks for, measured from <paramref name="now"/>; null when absent or unreadable.</summary>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.MaxValue.TotalSeconds - 1));
        }

        // HTTP-dates are IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the "r" format; a date in the past means now.
        return DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date <= now ? TimeSpan.Zero : date - now
            : null;
    }
}
