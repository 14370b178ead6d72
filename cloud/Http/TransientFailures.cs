namespace StockLakehouse.Cloud.Http;

/// <summary>
/// Which failures of a read-only call (polling a job or a batch) are worth another try: Google's transient
/// statuses (429, 5xx), a broken connection, and a request that timed out on its own — not the caller's
/// cancellation, which must stop the poll.
/// </summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception failure, CancellationToken cancellationToken) => failure switch
    {
        GoogleApiException api => api.IsTransient,
        HttpRequestException => true,
        IOException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>What to log of a transient failure: the HTTP status when there is one, else the message.</summary>
    public static string Describe(Exception failure) =>
        failure is GoogleApiException api ? $"HTTP {(int)api.StatusCode}" : $"{failure.GetType().Name}: {failure.Message}";
}
