using System.Text.Json.Nodes;
using Google;
using StockLakehouse.Cloud.Http;

namespace StockLakehouse.Cloud.Dataproc;

/// <summary>
/// The Dataproc v1 REST calls for Serverless batches in one project and region: <c>batches.create</c>
/// (which answers with a long-running operation) and <c>batches.get</c>, in the request shapes of the published
/// Dataproc v1 API. Errors surface as <see cref="GoogleApiException"/> with Dataproc's message verbatim;
/// transient failures are retried by the transport (<see cref="GoogleCloudHttp"/>).
/// </summary>
public sealed class DataprocClient
{
    public static readonly Uri DefaultEndpoint = new("https://dataproc.googleapis.com/v1/");

    private readonly GoogleJsonClient _json;
    private readonly Uri _endpoint;

    public DataprocClient(GoogleJsonClient json, string projectId, string region, Uri? endpoint = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        _json = json;
        ProjectId = projectId;
        Region = region;
        _endpoint = endpoint ?? DefaultEndpoint;
    }

    public string ProjectId { get; }

    public string Region { get; }

    /// <summary>The resource name of batch <paramref name="batchId"/>.</summary>
    public string BatchName(string batchId) => $"projects/{ProjectId}/locations/{Region}/batches/{batchId}";

    /// <summary>Submits a batch; returns the operation (its <c>metadata.batch</c> names the batch).</summary>
    public Task<JsonObject> CreateBatchAsync(string batchId, JsonObject batch, CancellationToken cancellationToken)
    {
        if (!DataprocBatchId.IsValid(batchId))
        {
            throw new ArgumentException($"'{batchId}' is not a valid Dataproc batch id (4-63 characters of [a-z0-9-], starting with a letter, ending with a letter or digit).", nameof(batchId));
        }

        var uri = new Uri(_endpoint, $"projects/{Uri.EscapeDataString(ProjectId)}/locations/{Uri.EscapeDataString(Region)}/batches?batchId={Uri.EscapeDataString(batchId)}");
        return _json.PostAsync(uri, batch, cancellationToken);
    }

    public async Task<DataprocBatch> GetBatchAsync(string batchName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(batchName);
        var resource = await _json.GetAsync(new Uri(_endpoint, batchName), cancellationToken).ConfigureAwait(false);
        return DataprocBatch.From(resource);
    }
}
