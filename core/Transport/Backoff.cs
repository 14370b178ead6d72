namespace StockLakehouse.Core.Transport;

/// <summary>
/// The one back-off formula of every HTTP client here — the extractor's sources, the Google Cloud REST transport
/// and its pollers, the GCS store: the ceiling before try or poll number <c>n</c> (0-based) is
/// <see cref="Initial"/> × <see cref="Factor"/>^n, never more than <see cref="Maximum"/>. Waited as it is
/// (<see cref="DelayBefore"/>) or with full jitter (<see cref="JitteredDelayBefore"/>): a uniformly random
/// wait between zero and the ceiling. A <c>Retry-After</c> from the server takes precedence (<see cref="RetryAfter"/>).
/// </summary>
/// <remarks>
/// Full jitter where many workers are throttled together (the extractor's parallel requests to one source), so they
/// do not come back in lockstep; none where one caller sends one request at a time (a deploy), so the tests can
/// assert the exact schedule on a fake clock.
/// </remarks>
public sealed record Backoff(TimeSpan Initial, double Factor, TimeSpan Maximum)
{
    /// <summary>Retries of one request: 1 s, 2 s, 4 s, … up to 32 s (Google's guidance for its REST APIs).</summary>
    public static Backoff Requests { get; } = new(TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(32));

    /// <summary>BigQuery jobs usually finish in seconds: 0.5 s, 1 s, 2 s, … up to 10 s.</summary>
    public static Backoff BigQueryJobs { get; } = new(TimeSpan.FromMilliseconds(500), 2, TimeSpan.FromSeconds(10));

    /// <summary>Dataproc batches take minutes (startup alone is about a minute): 5 s, 10 s, … up to 30 s.</summary>
    public static Backoff DataprocBatches { get; } = new(TimeSpan.FromSeconds(5), 2, TimeSpan.FromSeconds(30));

    /// <summary>The wait before try or poll number <paramref name="attempt"/> (0 for the first wait).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var delay = Initial.TotalMilliseconds * Math.Pow(Factor, Math.Min(attempt, 30));
        return TimeSpan.FromMilliseconds(Math.Min(delay, Maximum.TotalMilliseconds));
    }

    /// <summary>The fully jittered wait before try number <paramref name="attempt"/>: <see cref="DelayBefore"/> × <paramref name="unitRandom"/> in [0, 1].</summary>
    public TimeSpan JitteredDelayBefore(int attempt, double unitRandom) =>
        TimeSpan.FromMilliseconds(DelayBefore(attempt).TotalMilliseconds * Math.Clamp(unitRandom, 0, 1));

    public Task WaitAsync(int attempt, TimeProvider clock, CancellationToken cancellationToken) =>
        Task.Delay(DelayBefore(attempt), clock, cancellationToken);
}
