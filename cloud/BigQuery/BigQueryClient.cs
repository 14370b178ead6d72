using System.Globalization;
using System.Text.Json.Nodes;
using Google;
using StockLakehouse.Cloud.Http;

namespace StockLakehouse.Cloud.BigQuery;

/// <summary>
/// The BigQuery REST API v2 calls the warehouse needs — datasets.insert, tables.get, tables.insert,
/// jobs.insert, jobs.get, jobs.query and jobs.getQueryResults — for one project, in the request shapes of the
/// published BigQuery v2 API. Errors surface as <see cref="GoogleApiException"/> with BigQuery's message
/// verbatim. Transient failures are retried by the transport (<see cref="GoogleCloudHttp"/>) with the same
/// request; following a job or table that a retried create made is the caller's (<see cref="BigQueryWarehouse"/>).
/// </summary>
public sealed class BigQueryClient
{
    public static readonly Uri DefaultEndpoint = new("https://bigquery.googleapis.com/bigquery/v2/");

    private readonly GoogleJsonClient _json;
    private readonly Uri _endpoint;

    public BigQueryClient(GoogleJsonClient json, string projectId, Uri? endpoint = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        _json = json;
        ProjectId = projectId;
        _endpoint = endpoint ?? DefaultEndpoint;
    }

    public string ProjectId { get; }

    /// <summary>
    /// Creates the dataset; returns false when it already exists (HTTP 409, reason duplicate) in
    /// <paramref name="location"/>, and fails naming both locations when it exists elsewhere.
    /// </summary>
    public async Task<bool> InsertDatasetAsync(string datasetId, string location, string description, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["datasetReference"] = new JsonObject { ["projectId"] = ProjectId, ["datasetId"] = datasetId },
            ["location"] = location,
            ["description"] = description,
        };
        try
        {
            await _json.PostAsync(Uri($"projects/{Escape(ProjectId)}/datasets"), body, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (GoogleApiException e) when (e.IsAlreadyExists())
        {
            var existing = await _json.GetAsync(Uri($"projects/{Escape(ProjectId)}/datasets/{Escape(datasetId)}"), cancellationToken).ConfigureAwait(false);
            BigQueryDataset.RequireLocation(datasetId, existing, location);
            return false;
        }
    }

    /// <summary>The table resource, or null when the table does not exist.</summary>
    public async Task<JsonObject?> GetTableAsync(string datasetId, string tableId, CancellationToken cancellationToken)
    {
        try
        {
            return await _json.GetAsync(Uri($"projects/{Escape(ProjectId)}/datasets/{Escape(datasetId)}/tables/{Escape(tableId)}"), cancellationToken).ConfigureAwait(false);
        }
        catch (GoogleApiException e) when (e.IsNotFound())
        {
            return null;
        }
    }

    public Task<JsonObject> InsertTableAsync(string datasetId, JsonObject table, CancellationToken cancellationToken) =>
        _json.PostAsync(Uri($"projects/{Escape(ProjectId)}/datasets/{Escape(datasetId)}/tables"), table, cancellationToken);

    /// <summary>
    /// Starts a job with a caller-chosen id. Choosing the id makes an insert safe to repeat: BigQuery answers
    /// a second insert of the same id with 409 (reason <c>duplicate</c>) instead of starting the job twice, so
    /// the transport may resend it and the caller follows the job that exists.
    /// </summary>
    public async Task<BigQueryJob> InsertJobAsync(string jobId, string location, JsonObject configuration, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["jobReference"] = new JsonObject { ["projectId"] = ProjectId, ["jobId"] = jobId, ["location"] = location },
            ["configuration"] = configuration,
        };
        var resource = await _json.PostAsync(Uri($"projects/{Escape(ProjectId)}/jobs"), body, cancellationToken).ConfigureAwait(false);
        return BigQueryJob.From(resource);
    }

    public async Task<BigQueryJob> GetJobAsync(BigQueryJobReference job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var resource = await _json.GetAsync(Uri($"projects/{Escape(job.ProjectId)}/jobs/{Escape(job.JobId)}{LocationQuery(job.Location, '?')}"), cancellationToken).ConfigureAwait(false);
        return BigQueryJob.From(resource);
    }

    /// <summary>Runs a GoogleSQL query through <c>jobs.query</c>; the answer may say the job is not complete yet.</summary>
    public async Task<BigQueryQueryResult> QueryAsync(string sql, string location, TimeSpan wait, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["query"] = sql,
            ["useLegacySql"] = false,
            ["location"] = location,
            ["timeoutMs"] = (long)wait.TotalMilliseconds,
        };
        var response = await _json.PostAsync(Uri($"projects/{Escape(ProjectId)}/queries"), body, cancellationToken).ConfigureAwait(false);
        return BigQueryQueryResult.From(response, ProjectId);
    }

    public async Task<BigQueryQueryResult> GetQueryResultsAsync(BigQueryJobReference job, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var timeout = ((long)wait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var response = await _json.GetAsync(
            Uri($"projects/{Escape(job.ProjectId)}/queries/{Escape(job.JobId)}?timeoutMs={timeout}{LocationQuery(job.Location, '&')}"),
            cancellationToken).ConfigureAwait(false);
        return BigQueryQueryResult.From(response, ProjectId);
    }

    private Uri Uri(string relative) => new(_endpoint, relative);

    private static string LocationQuery(string? location, char separator) =>
        location is null ? string.Empty : $"{separator}location={Escape(location)}";

    private static string Escape(string segment) => System.Uri.EscapeDataString(segment);
}
