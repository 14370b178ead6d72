namespace StockLakehouse.Extractor.Limits;

/// <summary>
/// At most <c>permits</c> requests start in any <c>window</c> (5 per minute, 2 per second): a request waits
/// until the oldest start in the window has aged out. A sliding log rather than a token bucket, so a burst
/// after an idle spell can never exceed the provider's own per-window count. Waits run on the injected clock.
/// </summary>
internal sealed class SlidingWindowLimiter : IRequestLimiter
{
    private readonly int _permits;
    private readonly TimeSpan _window;
    private readonly TimeProvider _clock;
    private readonly Queue<DateTimeOffset> _starts = new();
    private readonly Lock _gate = new();

    public SlidingWindowLimiter(int permits, TimeSpan window, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _permits = permits;
        _window = window;
        _clock = clock;
    }

    /// <summary>A limiter for a fractional rate: 2.5 per second is 5 per 2 s, 0.5 per second is 1 per 2 s.</summary>
    public static SlidingWindowLimiter PerSecond(double requestsPerSecond, TimeProvider clock)
    {
        if (!(requestsPerSecond > 0) || double.IsInfinity(requestsPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(requestsPerSecond), requestsPerSecond, "The request rate must be a positive number of requests per second.");
        }

        var permits = Math.Max(1, (int)Math.Ceiling(requestsPerSecond));
        return new SlidingWindowLimiter(permits, TimeSpan.FromSeconds(permits / requestsPerSecond), clock);
    }

    public async ValueTask<LimiterLease> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _clock.GetUtcNow();
                while (_starts.Count > 0 && _starts.Peek() + _window <= now)
                {
                    _starts.Dequeue();
                }

                if (_starts.Count < _permits)
                {
                    _starts.Enqueue(now);
                    return LimiterLease.Free;
                }

                wait = _starts.Peek() + _window - now;
            }

            await Task.Delay(wait, _clock, cancellationToken).ConfigureAwait(false);
        }
    }
}
