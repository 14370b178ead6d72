using System.Net;
using Google;

namespace StockLakehouse.Cloud.Http;

/// <summary>
/// What is worth another try on the cloud path, used by the transport's retries (<see cref="GoogleRetryHandler"/>),
/// the pollers and the GCS store: the project's one rule (<see cref="TransientFaults"/>: 408, 429, every 5xx, a broken
/// connection, a request that timed out on its own — <see cref="TimeoutException"/> from
/// <see cref="AttemptTimeoutHandler"/>, or <see cref="HttpClient.Timeout"/> — never the caller's cancellation), plus
/// what only Google's error bodies can say: a 403 whose reason is <c>rateLimitExceeded</c> or <c>backendError</c>
/// (BigQuery reports quota and backend hiccups that way).
/// </summary>
public static class TransientFailures
{
    /// <summary>The <c>error.errors[].reason</c> values that make a 403 transient.</summary>
    public static IReadOnlySet<string> TransientForbiddenReasons { get; } = new HashSet<string>(StringComparer.Ordinal) { "rateLimitExceeded", "backendError" };

    public static bool IsTransient(HttpStatusCode status, IEnumerable<string> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        return TransientFaults.IsTransientStatus((int)status)
            || (status == HttpStatusCode.Forbidden && reasons.Any(TransientForbiddenReasons.Contains));
    }

    public static bool IsTransient(GoogleApiException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return IsTransient(failure.HttpStatusCode, failure.Reasons());
    }

    public static bool IsTransient(Exception failure, CancellationToken cancellationToken) =>
        failure is GoogleApiException api ? IsTransient(api) : TransientFaults.IsTransient(failure, cancellationToken);

    /// <summary>What to log of a transient failure: the HTTP status and reasons when there are some, else the message.</summary>
    public static string Describe(Exception failure) => failure switch
    {
        GoogleApiException api when api.Reasons().Count > 0 => $"HTTP {(int)api.HttpStatusCode} {string.Join(", ", api.Reasons())}",
        GoogleApiException api => $"HTTP {(int)api.HttpStatusCode}",
        _ => $"{failure.GetType().Name}: {failure.Message}",
    };
}
