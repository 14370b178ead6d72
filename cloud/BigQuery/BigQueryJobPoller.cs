using Serilog;
using StockLakehouse.Cloud.Http;

namespace StockLakehouse.Cloud.BigQuery;

/// <summary>
/// Waits for BigQuery jobs: polls <c>jobs.get</c> (or <c>jobs.getQueryResults</c> for queries) with a growing
/// pause until the job is DONE, then throws <see cref="BigQueryJobFailedException"/> with BigQuery's messages
/// when <c>status.errorResult</c> is set. Transient poll failures are tolerated as <see cref="TransientPolling"/>
/// says; the job itself is never restarted here.
/// </summary>
public sealed class BigQueryJobPoller
{
    private static readonly TimeSpan QueryWait = TimeSpan.FromSeconds(10);

    private readonly BigQueryClient _client;
    private readonly TransientPolling _polling;
    private readonly ILogger _log;

    public BigQueryJobPoller(BigQueryClient client, TimeProvider clock, Backoff backoff, ILogger log)
    {
        _client = client;
        _polling = new TransientPolling(clock, backoff, log);
        _log = log;
    }

    /// <summary>Returns the DONE job, or throws when it failed.</summary>
    public async Task<BigQueryJob> WaitAsync(BigQueryJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var reference = job.Reference;
        job = await _polling.UntilFinalAsync(
            job,
            j => j.IsDone,
            async ct =>
            {
                var polled = await _client.GetJobAsync(reference, ct).ConfigureAwait(false);
                _log.Debug("BigQuery job {JobId} is {State}", polled.Reference.JobId, polled.State);
                return polled;
            },
            $"BigQuery job {reference.JobId}",
            cancellationToken).ConfigureAwait(false);
        return job.Failed ? throw new BigQueryJobFailedException(job) : job;
    }

    /// <summary>Runs <paramref name="sql"/> with jobs.query and waits for its rows (jobs.getQueryResults while incomplete).</summary>
    public async Task<BigQueryQueryResult> QueryAsync(string sql, string location, CancellationToken cancellationToken)
    {
        var result = await _client.QueryAsync(sql, location, QueryWait, cancellationToken).ConfigureAwait(false);
        var job = result.Job;
        return await _polling.UntilFinalAsync(
            result,
            r => r.Complete,
            ct => _client.GetQueryResultsAsync(job, QueryWait, ct),
            $"BigQuery query {job.JobId}",
            cancellationToken).ConfigureAwait(false);
    }
}
