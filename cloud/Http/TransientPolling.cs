using Serilog;

namespace StockLakehouse.Cloud.Http;

/// <summary>
/// The one poll loop of the cloud path (BigQuery jobs and queries, Dataproc batches): polls with a growing pause
/// (<see cref="Backoff"/>) until the answer is final. A poll that fails transiently (<see cref="TransientFailures"/>:
/// 408, 429, 5xx, a 403 <c>rateLimitExceeded</c>, a broken connection, a request that timed out on its own) even
/// after the transport's own retries is tried again at the next pause, up to <see cref="MaxTransientFailures"/> in a
/// row; any other failure, and the caller's cancellation, ends the loop at once. What is polled is never restarted here.
/// </summary>
public sealed class TransientPolling(TimeProvider clock, Backoff backoff, ILogger log)
{
    /// <summary>Consecutive transient poll failures tolerated before the error is surfaced.</summary>
    public const int MaxTransientFailures = 5;

    /// <summary>
    /// Returns the first answer for which <paramref name="isFinal"/> holds. With an answer already in hand
    /// (<paramref name="current"/>: a job as inserted) the loop first waits; without one it polls at once.
    /// </summary>
    /// <param name="subject">What is polled, for the log ("BigQuery job job_123").</param>
    public async Task<T> UntilFinalAsync<T>(T? current, Func<T, bool> isFinal, Func<CancellationToken, Task<T>> poll, string subject, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(isFinal);
        ArgumentNullException.ThrowIfNull(poll);
        var waits = 0;
        var failuresInARow = 0;
        for (var pollAtOnce = current is null; current is null || !isFinal(current); pollAtOnce = false)
        {
            if (!pollAtOnce)
            {
                await backoff.WaitAsync(waits++, clock, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                current = await poll(cancellationToken).ConfigureAwait(false);
                failuresInARow = 0;
            }
            catch (Exception e) when (TransientFailures.IsTransient(e, cancellationToken) && ++failuresInARow <= MaxTransientFailures)
            {
                log.Warning("Polling {Subject} failed transiently ({Failure}); retrying", subject, TransientFailures.Describe(e));
            }
        }

        return current;
    }
}
