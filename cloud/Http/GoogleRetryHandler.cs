using Google.Apis.Http;
using Serilog;

namespace StockLakehouse.Cloud.Http;

/// <summary>
/// Retries a request on Google.Apis' <see cref="ConfigurableMessageHandler"/> when <see cref="TransientFailures"/>
/// says the answer or the exception is transient: it waits what the server asked in <c>Retry-After</c>, else
/// <see cref="Backoff"/>, on the injected clock, and lets the handler send the same request again — the same
/// body, so a create carries the same job or batch id. Up to <see cref="MaxAttempts"/> tries in all; a
/// <c>Retry-After</c> longer than <see cref="MaxRetryAfter"/> is not waited out (the error surfaces and the
/// caller decides).
/// </summary>
/// <remarks>
/// Google.Apis' own <see cref="BackOffHandler"/> decides from the response alone, synchronously, and sleeps on
/// the wall clock; the rule here needs the error body (a 403 is transient only for some reasons) and the wait
/// must run on a <see cref="TimeProvider"/> so tests never sleep. Everything else — the retry loop, re-sending,
/// the credential's token and its refresh on 401 — is the library's.
/// </remarks>
internal sealed class GoogleRetryHandler : IHttpUnsuccessfulResponseHandler, IHttpExceptionHandler, IConfigurableHttpClientInitializer
{
    private readonly TimeProvider _clock;
    private readonly ILogger _log;

    public GoogleRetryHandler(TimeProvider clock, ILogger log)
    {
        _clock = clock;
        _log = log;
    }

    /// <summary>Tries of one request in all, the first included.</summary>
    public int MaxAttempts { get; init; } = 6;

    public Backoff Backoff { get; init; } = Backoff.Requests;

    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one try may wait for its answer before it is abandoned and, attempts left, sent again.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Registers this handler on <paramref name="httpClient"/> and sets its number of tries.</summary>
    public void Initialize(ConfigurableHttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        httpClient.MessageHandler.NumTries = MaxAttempts;
        httpClient.MessageHandler.AddUnsuccessfulResponseHandler(this);
        httpClient.MessageHandler.AddExceptionHandler(this);
    }

    public async Task<bool> HandleResponseAsync(HandleUnsuccessfulResponseArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var response = args.Response;
        var request = args.Request;
        if (args.CurrentFailedTry >= args.TotalTries || args.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var body = await response.Content.ReadAsStringAsync(args.CancellationToken).ConfigureAwait(false);
        var failure = GoogleApiErrors.FromResponse($"{request.Method} {request.RequestUri}", GoogleApiErrors.ServiceOf(request.RequestUri!), response.StatusCode, body);
        if (!TransientFailures.IsTransient(failure))
        {
            return false;
        }

        var delay = RetryAfter.Of(response, _clock.GetUtcNow()) ?? Backoff.DelayBefore(args.CurrentFailedTry - 1);
        if (delay > MaxRetryAfter)
        {
            _log.Warning("{Method} {Uri} asked to retry after {DelayMs} ms, longer than the {MaxMs} ms this client waits", request.Method, request.RequestUri, (long)delay.TotalMilliseconds, (long)MaxRetryAfter.TotalMilliseconds);
            return false;
        }

        await WaitAsync(request, TransientFailures.Describe(failure), args.CurrentFailedTry, delay, args.CancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> HandleExceptionAsync(HandleExceptionArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.CurrentFailedTry >= args.TotalTries || !TransientFailures.IsTransient(args.Exception, args.CancellationToken))
        {
            return false;
        }

        var delay = Backoff.DelayBefore(args.CurrentFailedTry - 1);
        await WaitAsync(args.Request, TransientFailures.Describe(args.Exception), args.CurrentFailedTry, delay, args.CancellationToken).ConfigureAwait(false);
        return true;
    }

    private Task WaitAsync(HttpRequestMessage request, string failure, int failedTry, TimeSpan delay, CancellationToken cancellationToken)
    {
        _log.Warning(
            "{Method} {Uri} failed transiently ({Failure}); try {Try} of {MaxAttempts}, sending it again in {DelayMs} ms",
            request.Method,
            request.RequestUri,
            failure,
            failedTry,
            MaxAttempts,
            (long)delay.TotalMilliseconds);
        return Task.Delay(delay, _clock, cancellationToken);
    }
}
