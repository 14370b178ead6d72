using System.Net;
using System.Net.Http.Headers;
using Serilog;
using StockLakehouse.Cloud.Auth;

namespace StockLakehouse.Cloud.Gcs;

/// <summary>
/// Sends JSON API requests: a fresh bearer token on every attempt, transient failures retried with the
/// policy's backoff (logged), everything else handed back to the caller to interpret.
/// </summary>
internal sealed class GcsTransport
{
    private readonly HttpClient _http;
    private readonly IAccessTokenSource _tokens;
    private readonly ILogger _log;
    private readonly TimeProvider _clock;

    public GcsTransport(HttpClient http, IAccessTokenSource tokens, GcsRetryPolicy retry, ILogger log, TimeProvider clock)
    {
        _http = http;
        _tokens = tokens;
        Retry = retry;
        _log = log;
        _clock = clock;
    }

    public GcsRetryPolicy Retry { get; }

    /// <summary>408, 429 and the 5xx statuses Google documents as retryable.</summary>
    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout
            or HttpStatusCode.TooManyRequests
            or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.GatewayTimeout;

    /// <summary>
    /// Sends the request <paramref name="createRequest"/> builds (once per attempt), retrying transient failures.
    /// Returns the first non-transient response — or the last transient one when the attempts are used up — with
    /// the number of attempts made; throws <see cref="GcsException"/> when the last attempt got no response.
    /// </summary>
    public async Task<(HttpResponseMessage Response, int Attempts)> SendAsync(
        string operation,
        string objectUri,
        Func<CancellationToken, ValueTask<HttpRequestMessage>> createRequest,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (response, failure) = await SendOnceAsync(createRequest, cancellationToken).ConfigureAwait(false);
            if (response is not null && !IsTransientStatus(response.StatusCode))
            {
                return (response, attempt);
            }

            var delay = Retry.DelayBeforeRetry(attempt, response is null ? null : RetryAfterOf(response), Random.Shared.NextDouble());
            if (delay is null)
            {
                return response is not null
                    ? (response, attempt)
                    : throw new GcsException(operation, objectUri, null, true, $"GCS {operation} of {objectUri} failed after {attempt} attempts: {failure!.Message}", failure);
            }

            var status = response?.StatusCode;
            response?.Dispose();
            await WaitBeforeRetryAsync(operation, objectUri, status, failure, attempt, delay.Value, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One attempt: the response, or the transient exception that prevented one (anything else propagates).</summary>
    public async Task<(HttpResponseMessage? Response, Exception? Failure)> SendOnceAsync(
        Func<CancellationToken, ValueTask<HttpRequestMessage>> createRequest,
        CancellationToken cancellationToken)
    {
        using var request = await createRequest(cancellationToken).ConfigureAwait(false);
        try
        {
            var token = await _tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            return (response, null);
        }
        catch (Exception e) when (IsTransientFailure(e, cancellationToken))
        {
            return (null, e);
        }
    }

    /// <summary>Logs the retry and waits <paramref name="delay"/> on the injected clock.</summary>
    public Task WaitBeforeRetryAsync(string operation, string objectUri, HttpStatusCode? status, Exception? failure, int failedAttempts, TimeSpan delay, CancellationToken cancellationToken)
    {
        _log.Warning(
            "GCS {Operation} of {Object} failed ({Failure}); attempt {Attempt} of {MaxAttempts}, retrying in {DelayMs} ms",
            operation,
            objectUri,
            status is { } code ? $"{(int)code} {code}" : $"{failure?.GetType().Name}: {failure?.Message}",
            failedAttempts,
            Retry.MaxAttempts,
            (long)delay.TotalMilliseconds);
        return Task.Delay(delay, _clock, cancellationToken);
    }

    /// <summary>The wait the server asked for in Retry-After (seconds or an HTTP date), if any.</summary>
    public TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _clock.GetUtcNow(),
        _ => null,
    };

    private static bool IsTransientFailure(Exception e, CancellationToken cancellationToken) => e switch
    {
        HttpRequestException or IOException => true,
        // HttpClient's own timeout surfaces as a cancellation that the caller did not ask for.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
