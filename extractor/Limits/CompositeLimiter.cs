namespace StockLakehouse.Extractor.Limits;

/// <summary>
/// Several limits at once, acquired in the order given: put refusing limits (budgets) first so a refused
/// request waits for nothing, and rate windows last so a request starts right after its start is counted.
/// </summary>
internal sealed class CompositeLimiter : IRequestLimiter
{
    private readonly IRequestLimiter[] _limiters;

    public CompositeLimiter(params IRequestLimiter[] limiters)
    {
        _limiters = limiters;
    }

    public async ValueTask<LimiterLease> AcquireAsync(CancellationToken cancellationToken)
    {
        var held = new List<LimiterLease>(_limiters.Length);
        try
        {
            foreach (var limiter in _limiters)
            {
                var lease = await limiter.AcquireAsync(cancellationToken).ConfigureAwait(false);
                if (!lease.IsAcquired)
                {
                    ReleaseAll(held);
                    return lease;
                }

                held.Add(lease);
            }
        }
        catch
        {
            ReleaseAll(held);
            throw;
        }

        return LimiterLease.Granted(() => ReleaseAll(held));
    }

    private static void ReleaseAll(List<LimiterLease> leases)
    {
        for (var i = leases.Count - 1; i >= 0; i--)
        {
            leases[i].Dispose();
        }

        leases.Clear();
    }
}
