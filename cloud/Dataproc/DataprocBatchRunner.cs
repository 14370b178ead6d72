using System.Text.Json.Nodes;
using Google;
using Serilog;
using StockLakehouse.Cloud.Http;

namespace StockLakehouse.Cloud.Dataproc;

/// <summary>
/// Submits a batch and follows it to a final state. The transport resends a <c>batches.create</c> that failed
/// transiently or lost its connection with the same batch id, so a 409 (the id exists) is the common answer
/// when the first attempt did reach Dataproc; an id that exists is followed instead of failing: a batch that already SUCCEEDED is not run again, one still running is waited for,
/// and one that FAILED is reported with advice to submit a new attempt. FAILED and CANCELLED end in
/// <see cref="DataprocBatchFailedException"/> with the state message and where the logs are.
/// </summary>
public sealed class DataprocBatchRunner
{
    private readonly DataprocClient _client;
    private readonly TransientPolling _polling;
    private readonly ILogger _log;

    public DataprocBatchRunner(DataprocClient client, TimeProvider clock, Backoff backoff, ILogger log)
    {
        _client = client;
        _polling = new TransientPolling(clock, backoff, log);
        _log = log;
    }

    /// <summary>Runs batch <paramref name="batchId"/> (or follows it when it exists) and returns it SUCCEEDED.</summary>
    public async Task<DataprocBatch> RunAsync(string batchId, JsonObject batch, CancellationToken cancellationToken)
    {
        string name;
        var existed = false;
        try
        {
            var operation = await _client.CreateBatchAsync(batchId, batch, cancellationToken).ConfigureAwait(false);
            name = operation["metadata"]?["batch"]?.GetValue<string>() ?? _client.BatchName(batchId);
            if (operation["done"]?.GetValue<bool>() == true && operation["error"] is { } error)
            {
                throw new DataprocBatchFailedException(name, error["message"]?.GetValue<string>() ?? error.ToJsonString());
            }

            _log.Information("Submitted Dataproc batch {BatchId} (operation {Operation})", batchId, operation["name"]?.GetValue<string>());
        }
        catch (GoogleApiException e) when (e.IsAlreadyExists())
        {
            name = _client.BatchName(batchId);
            existed = true;
            _log.Information("Dataproc batch {BatchId} already exists; following it instead of submitting it again", batchId);
        }

        return await WaitAsync(name, existed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Polls the batch until it is final; returns it when SUCCEEDED, throws otherwise.</summary>
    public Task<DataprocBatch> WaitAsync(string batchName, CancellationToken cancellationToken) => WaitAsync(batchName, false, cancellationToken);

    private async Task<DataprocBatch> WaitAsync(string batchName, bool existed, CancellationToken cancellationToken)
    {
        var polls = 0;
        string? lastState = null;
        var final = await _polling.UntilFinalAsync<DataprocBatch>(
            null,
            b => b.IsFinal,
            async ct =>
            {
                polls++;
                var current = await _client.GetBatchAsync(batchName, ct).ConfigureAwait(false);
                if (current.State != lastState)
                {
                    _log.Information("Dataproc batch {BatchId} is {State}", current.BatchId, current.State);
                    lastState = current.State;
                }

                return current;
            },
            $"Dataproc batch {batchName}",
            cancellationToken).ConfigureAwait(false);
        return final.State == DataprocBatch.Succeeded
            ? final
            : throw new DataprocBatchFailedException(final, existed && polls == 1 ? "The batch had already ended this way before this submission; submit a new attempt to run it again." : null);
    }
}
