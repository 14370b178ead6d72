namespace StockLakehouse.Extractor.Limits;

/// <summary>At most <c>limit</c> requests in flight at once; the lease frees the slot.</summary>
internal sealed class ConcurrencyLimiter : IRequestLimiter
{
    private readonly SemaphoreSlim _slots;

    public ConcurrencyLimiter(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        _slots = new SemaphoreSlim(limit, limit);
    }

    public async ValueTask<LimiterLease> AcquireAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        return LimiterLease.Granted(() => _slots.Release());
    }
}
