namespace StockLakehouse.Cloud.Http;

/// <summary>
/// Bounds one try of a request, below Google.Apis' retry loop: a try that gets no answer within
/// <see cref="Timeout"/> fails with <see cref="TimeoutException"/>, which <see cref="TransientFailures"/> counts as
/// transient, so a hung <c>jobs.insert</c> is sent again with the same id instead of ending the deploy. The
/// caller's own cancellation passes through unchanged.
/// </summary>
internal sealed class AttemptTimeoutHandler : DelegatingHandler
{
    public AttemptTimeoutHandler(TimeSpan timeout, HttpMessageHandler inner)
        : base(inner)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        Timeout = timeout;
    }

    public TimeSpan Timeout { get; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(Timeout);
        try
        {
            return await base.SendAsync(request, attempt.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested && attempt.IsCancellationRequested)
        {
            throw new TimeoutException($"{request.Method} {request.RequestUri} got no answer within {Timeout.TotalSeconds:0.###} s.", e);
        }
    }
}
