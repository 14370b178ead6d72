using Google.Cloud.Storage.V1;
using StockLakehouse.Cloud.Http;

namespace StockLakehouse.Cloud.Gcs;

/// <summary>
/// The retries <see cref="GcsObjectStore"/> makes itself, where Google.Cloud.Storage.V1 5.0.0 makes none: media
/// downloads, the session opening of a conditional upload, and a chunk of an opened session. The rule is the cloud
/// path's one (<see cref="TransientFailures"/>), which covers what the library applies to idempotent requests
/// (<see cref="RetryPredicate.RetriableIdempotentErrors"/>: 408, 429 and 5xx) plus a broken connection or a request
/// that timed out on its own; never the caller's cancellation. The waits
/// follow <see cref="RetryTiming"/> (initial back-off, multiplied after each try, capped) on the store's clock, and a
/// request is tried at most <see cref="Attempts"/> times, as many as the library tries the requests it retries.
/// </summary>
internal sealed class GcsRetries(RetryTiming timing, TimeProvider clock)
{
    public const int Attempts = 3;

    private readonly Backoff _backoff = new(timing.InitialBackoff, timing.BackoffMultiplier, timing.MaxBackoff);

    /// <summary>The cloud path's one transient rule (<see cref="TransientFailures"/>).</summary>
    public static bool IsTransient(Exception failure, CancellationToken cancellationToken) => TransientFailures.IsTransient(failure, cancellationToken);

    /// <summary>Whether a request that failed with <paramref name="failure"/> on try <paramref name="attempt"/> (1-based) gets another.</summary>
    public static bool Retries(Exception failure, int attempt, CancellationToken cancellationToken) =>
        attempt < Attempts && IsTransient(failure, cancellationToken);

    /// <summary>The wait after the failed try <paramref name="attempt"/> (1-based).</summary>
    public Task WaitAsync(int attempt, CancellationToken cancellationToken) => _backoff.WaitAsync(attempt - 1, clock, cancellationToken);
}
