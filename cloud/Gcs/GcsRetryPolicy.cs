namespace StockLakehouse.Cloud.Gcs;

/// <summary>
/// How GCS requests are retried. Transient failures — 408, 429, 500, 502, 503, 504, broken connections and
/// timeouts — are retried up to <see cref="MaxAttempts"/> attempts in all, waiting what the server asked
/// (Retry-After) or else an exponential backoff with full jitter: a uniformly random wait between zero and
/// <see cref="BaseDelay"/> × 2^(failed attempts − 1), capped at <see cref="MaxDelay"/> (Google's guidance
/// for Cloud Storage). A Retry-After longer than <see cref="MaxRetryAfter"/> is not waited out: the request
/// fails, marked transient, and the caller decides.
/// </summary>
public sealed record GcsRetryPolicy
{
    public int MaxAttempts { get; init; } = 6;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(32);

    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(2);

    public static GcsRetryPolicy Default { get; } = new();

    /// <summary>
    /// The wait after <paramref name="failedAttempts"/> failed attempts: <paramref name="retryAfter"/> when the
    /// server gave one, else the jittered backoff for <paramref name="unitRandom"/> in [0, 1); null when no
    /// attempt is left or the server asks for longer than <see cref="MaxRetryAfter"/>.
    /// </summary>
    public TimeSpan? DelayBeforeRetry(int failedAttempts, TimeSpan? retryAfter, double unitRandom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        if (failedAttempts >= MaxAttempts)
        {
            return null;
        }

        if (retryAfter is { } asked)
        {
            return asked <= MaxRetryAfter ? (asked < TimeSpan.Zero ? TimeSpan.Zero : asked) : null;
        }

        var exponent = Math.Min(failedAttempts - 1, 30);
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling * Math.Clamp(unitRandom, 0, 1));
    }

    /// <summary>Checks the values; a configuration error throws with the bad value named.</summary>
    public GcsRetryPolicy Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseDelay, TimeSpan.Zero, nameof(BaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, BaseDelay, nameof(MaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryAfter, TimeSpan.Zero, nameof(MaxRetryAfter));
        return this;
    }
}
