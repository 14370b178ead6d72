using StockLakehouse.Extractor.Classification;
using StockLakehouse.Extractor.Sources;

namespace StockLakehouse.Extractor.Fetching;

/// <summary>
/// Gives each attempt <see cref="HttpRequestPolicy.Timeout"/> to deliver its whole answer, measured by the
/// injected clock. A timeout becomes a <see cref="RequestOutcome.Timeout"/> verdict; the caller's own
/// cancellation still throws.
/// </summary>
internal sealed class TimeoutExecutor : IRequestExecutor
{
    private readonly IRequestExecutor _inner;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _clock;

    public TimeoutExecutor(IRequestExecutor inner, TimeSpan timeout, TimeProvider clock)
    {
        _inner = inner;
        _timeout = timeout;
        _clock = clock;
    }

    public async Task<FetchResult> ExecuteAsync(RawRequest request, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_timeout, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await _inner.ExecuteAsync(request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new FetchResult(
                new ResponseVerdict(RequestOutcome.Timeout, $"No complete answer within {_timeout.TotalSeconds:0.###} s."),
                null,
                1);
        }
    }
}
