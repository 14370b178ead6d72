using StockLakehouse.Extractor.Classification;
using StockLakehouse.Extractor.Limits;
using StockLakehouse.Extractor.Sources;

namespace StockLakehouse.Extractor.Fetching;

/// <summary>
/// Sends each attempt only when the source's limits allow. Placed inside the retries, so every attempt counts
/// against the limits exactly as the provider counts it. A refusal (a used-up daily budget) sends nothing.
/// </summary>
internal sealed class RateLimitedExecutor : IRequestExecutor
{
    private readonly IRequestExecutor _inner;
    private readonly IRequestLimiter _limiter;

    public RateLimitedExecutor(IRequestExecutor inner, IRequestLimiter limiter)
    {
        _inner = inner;
        _limiter = limiter;
    }

    public async Task<FetchResult> ExecuteAsync(RawRequest request, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(cancellationToken).ConfigureAwait(false);
        return lease.IsAcquired
            ? await _inner.ExecuteAsync(request, cancellationToken).ConfigureAwait(false)
            : FetchResult.NotSent(RequestOutcome.DailyCapReached, lease.Refusal ?? "The source's request budget is used up.");
    }
}
