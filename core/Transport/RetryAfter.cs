namespace StockLakehouse.Core.Transport;

/// <summary>
/// The one <c>Retry-After</c> parser, for the extractor's sources and the Google Cloud transport alike: delay-seconds
/// or an HTTP-date (RFC 9110 §10.2.3), as <see cref="System.Net.Http.Headers.HttpResponseHeaders.RetryAfter"/> reads them.
/// </summary>
public static class RetryAfter
{
    /// <summary>
    /// The wait <paramref name="response"/> asks for, measured from <paramref name="now"/>; zero for a date in
    /// the past; null when the header is absent or unreadable.
    /// </summary>
    public static TimeSpan? Of(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var wait = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => (TimeSpan?)null,
        };
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}
