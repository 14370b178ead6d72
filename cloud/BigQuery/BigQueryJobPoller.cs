using Serilog;
using StockLakehouse.Cloud.Http;

namespace StockLakehouse.Cloud.BigQuery;

/// <summary>
/// Waits for BigQuery jobs: polls <c>jobs.get</c> (or <c>jobs.getQueryResults</c> for queries) with a growing
/// pause until the job is DONE, then throws <see cref="BigQueryJobFailedException"/> with BigQuery's messages
/// when <c>status.errorResult</c> is set. A poll that fails transiently (<see cref="TransientFailures"/>: 429,
/// 5xx, a 403 <c>rateLimitExceeded</c>, a broken connection) even after the transport's own retries is tried
/// again at the next pause, up to <see cref="MaxTransientFailures"/> in a row; the job itself is never
/// restarted here.
/// </summary>
public sealed class BigQueryJobPoller
{
    /// <summary>Consecutive transient poll failures tolerated before the error is surfaced.</summary>
    public const int MaxTransientFailures = 5;

    private static readonly TimeSpan QueryWait = TimeSpan.FromSeconds(10);

    private readonly BigQueryClient _client;
    private readonly TimeProvider _clock;
    private readonly Backoff _backoff;
    private readonly ILogger _log;

    public BigQueryJobPoller(BigQueryClient client, TimeProvider clock, Backoff backoff, ILogger log)
    {
        _client = client;
        _clock = clock;
        _backoff = backoff;
        _log = log;
    }

    /// <summary>Returns the DONE job, or throws when it failed.</summary>
    public async Task<BigQueryJob> WaitAsync(BigQueryJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var poll = 0;
        var transient = 0;
        while (!job.IsDone)
        {
            await _backoff.WaitAsync(poll++, _clock, cancellationToken).ConfigureAwait(false);
            try
            {
                job = await _client.GetJobAsync(job.Reference, cancellationToken).ConfigureAwait(false);
                transient = 0;
                _log.Debug("BigQuery job {JobId} is {State}", job.Reference.JobId, job.State);
            }
            catch (Exception e) when (TransientFailures.IsTransient(e, cancellationToken) && ++transient <= MaxTransientFailures)
            {
                _log.Warning("Polling BigQuery job {JobId} failed transiently ({Failure}); retrying", job.Reference.JobId, TransientFailures.Describe(e));
            }
        }

        return job.Failed ? throw new BigQueryJobFailedException(job) : job;
    }

    /// <summary>Runs <paramref name="sql"/> with jobs.query and waits for its rows (jobs.getQueryResults while incomplete).</summary>
    public async Task<BigQueryQueryResult> QueryAsync(string sql, string location, CancellationToken cancellationToken)
    {
        var result = await _client.QueryAsync(sql, location, QueryWait, cancellationToken).ConfigureAwait(false);
        var poll = 0;
        var transient = 0;
        while (!result.Complete)
        {
            await _backoff.WaitAsync(poll++, _clock, cancellationToken).ConfigureAwait(false);
            try
            {
                result = await _client.GetQueryResultsAsync(result.Job, QueryWait, cancellationToken).ConfigureAwait(false);
                transient = 0;
            }
            catch (Exception e) when (TransientFailures.IsTransient(e, cancellationToken) && ++transient <= MaxTransientFailures)
            {
                _log.Warning("Polling BigQuery query {JobId} failed transiently ({Failure}); retrying", result.Job.JobId, TransientFailures.Describe(e));
            }
        }

        return result;
    }
}
