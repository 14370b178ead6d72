namespace StockLakehouse.Cloud.Http;

/// <summary>
/// How long to wait between polls of a long-running cloud job: <see cref="Initial"/>, multiplied by
/// <see cref="Factor"/> after every poll, never more than <see cref="Maximum"/>. Short first waits keep small
/// jobs snappy; the cap keeps a long Spark batch from being polled every few milliseconds or once an hour.
/// </summary>
public sealed record PollingBackoff(TimeSpan Initial, double Factor, TimeSpan Maximum)
{
    /// <summary>BigQuery jobs usually finish in seconds: 0.5 s, 1 s, 2 s, … up to 10 s.</summary>
    public static PollingBackoff BigQueryJobs { get; } = new(TimeSpan.FromMilliseconds(500), 2, TimeSpan.FromSeconds(10));

    /// <summary>Dataproc batches take minutes (startup alone is about a minute): 5 s, 10 s, … up to 30 s.</summary>
    public static PollingBackoff DataprocBatches { get; } = new(TimeSpan.FromSeconds(5), 2, TimeSpan.FromSeconds(30));

    /// <summary>The wait before poll number <paramref name="attempt"/> (0 for the first wait).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var delay = Initial.TotalMilliseconds * Math.Pow(Factor, Math.Min(attempt, 30));
        return TimeSpan.FromMilliseconds(Math.Min(delay, Maximum.TotalMilliseconds));
    }

    public Task WaitAsync(int attempt, TimeProvider clock, CancellationToken cancellationToken) =>
        Task.Delay(DelayBefore(attempt), clock, cancellationToken);
}
