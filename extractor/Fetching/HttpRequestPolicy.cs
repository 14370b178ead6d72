using StockLakehouse.Core.Transport;

namespace StockLakehouse.Extractor.Fetching;

/// <summary>
/// Per-request timeout and retries for one source. Transient failures (429, 5xx, timeouts, broken connections,
/// throttle notices) are retried up to <see cref="MaxAttempts"/> attempts in all, waiting what the source asked
/// (Retry-After) or else the project's one <see cref="Core.Transport.Backoff"/> with full jitter: a uniformly random
/// wait between zero and <see cref="BaseDelay"/> × 2^(attempt − 1), capped at <see cref="MaxDelay"/>. A Retry-After longer than
/// <see cref="MaxRetryAfter"/> is not waited out: the request ends throttled and the next run retries it.
/// </summary>
public sealed record HttpRequestPolicy
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxAttempts { get; init; } = 4;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(2);

    public static HttpRequestPolicy Default { get; } = new();

    /// <summary>The exponential ceiling the jittered waits are drawn under.</summary>
    public Backoff Backoff => new(BaseDelay, 2, MaxDelay);

    /// <summary>
    /// The wait before the next attempt after <paramref name="failedAttempts"/> failed ones: the source's
    /// <paramref name="retryAfter"/> when given, else the jittered backoff for <paramref name="unitRandom"/> in [0, 1);
    /// null when the source asks for longer than <see cref="MaxRetryAfter"/>.
    /// </summary>
    public TimeSpan? DelayBeforeRetry(int failedAttempts, TimeSpan? retryAfter, double unitRandom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        if (retryAfter is { } asked)
        {
            return asked <= MaxRetryAfter ? asked : null;
        }

        return Backoff.JitteredDelayBefore(failedAttempts - 1, unitRandom);
    }

    /// <summary>Checks the values; a programming or configuration error throws with the bad value named.</summary>
    public HttpRequestPolicy Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(Timeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseDelay, TimeSpan.Zero, nameof(BaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, BaseDelay, nameof(MaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryAfter, TimeSpan.Zero, nameof(MaxRetryAfter));
        return this;
    }
}
