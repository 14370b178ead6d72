namespace StockLakehouse.Core.Transport;

/// <summary>
/// The one definition of a transient HTTP failure — worth the same request again after a wait — shared by the
/// extractor's sources and the Google Cloud transport (which adds only what Google's error bodies say, see
/// <c>TransientFailures</c> in the cloud library): the statuses 408 (Request Timeout), 429 (Too Many Requests) and
/// every 5xx; a connection that failed or broke off mid-body; and a request that timed out on its own — never the
/// caller's cancellation, which must stop the work.
/// </summary>
public static class TransientFaults
{
    public static bool IsTransientStatus(int status) => status is 408 or 429 or >= 500;

    /// <summary>
    /// True for <see cref="HttpRequestException"/> (connect failures, resets), <see cref="IOException"/> (a body cut
    /// off: <c>HttpIOException</c>), <see cref="TimeoutException"/>, and an <see cref="OperationCanceledException"/>
    /// while <paramref name="cancellationToken"/> is not cancelled (a transport that gave up: SocketsHttpHandler's
    /// connect timeout, <see cref="HttpClient.Timeout"/>).
    /// </summary>
    public static bool IsTransient(Exception failure, CancellationToken cancellationToken) => failure switch
    {
        HttpRequestException or IOException or TimeoutException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>Whether a transient <paramref name="failure"/> is a timeout (rather than a broken connection).</summary>
    public static bool IsTimeout(Exception failure) => failure is TimeoutException or OperationCanceledException;
}
