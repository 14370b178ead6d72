using System.Text.Json.Nodes;

namespace StockLakehouse.Cloud.Tests.Support;

/// <summary>
/// BigQuery and Dataproc as a load or a deploy sees them when every call succeeds, for a <see cref="ScriptedHandler"/>:
/// Dataproc batches are created and read as SUCCEEDED; the dataset exists (its insert answers 409); tables do not
/// exist until inserted; every job is DONE when inserted, a load having written <see cref="LoadedRows"/> rows; the
/// load record reads as committed and every check counts no violation. A request it does not know fails the test.
/// </summary>
internal static class ServingCloud
{
    public const long LoadedRows = 2;

    public static (HttpStatusCode, string) Answer(ReceivedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Uri.AbsolutePath;
        return (request.Method.Method, path) switch
        {
            ("POST", var p) when p.EndsWith("/batches", StringComparison.Ordinal) => (HttpStatusCode.OK, FixtureFiles.Text("dataproc/batch_create_operation.json")),
            ("GET", var p) when p.Contains("/batches/", StringComparison.Ordinal) => (HttpStatusCode.OK, FixtureFiles.Text("dataproc/batch_succeeded.json")),
            ("POST", var p) when p.EndsWith("/datasets", StringComparison.Ordinal) => (HttpStatusCode.Conflict, FixtureFiles.Text("bigquery/error_dataset_already_exists.json")),
            ("GET", var p) when p.EndsWith("/datasets/" + Clients.Dataset, StringComparison.Ordinal) => (HttpStatusCode.OK, FixtureFiles.Text("bigquery/dataset_inserted.json")),
            ("GET", var p) when p.Contains("/tables/", StringComparison.Ordinal) => (HttpStatusCode.NotFound, FixtureFiles.Text("bigquery/error_table_not_found.json")),
            ("POST", var p) when p.EndsWith("/tables", StringComparison.Ordinal) => (HttpStatusCode.OK, FixtureFiles.Text("bigquery/table_inserted.json")),
            ("POST", var p) when p.EndsWith("/jobs", StringComparison.Ordinal) =>
                (HttpStatusCode.OK, DoneJob(request.Json["jobReference"]!.DeepClone(), request.Json["configuration"]!.DeepClone())),
            ("POST", var p) when p.EndsWith("/queries", StringComparison.Ordinal) => (HttpStatusCode.OK, FixtureFiles.Text(QueryAnswer(request))),
            _ => throw new InvalidOperationException($"Unexpected request {request}."),
        };
    }

    /// <summary>A job resource in state DONE with <paramref name="reference"/>, and <paramref name="configuration"/> when given.</summary>
    public static string DoneJob(JsonNode reference, JsonNode? configuration = null)
    {
        var job = new JsonObject { ["kind"] = "bigquery#job", ["jobReference"] = reference };
        if (configuration is not null)
        {
            job["configuration"] = configuration;
        }

        job["statistics"] = new JsonObject { ["load"] = new JsonObject { ["outputRows"] = LoadedRows.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        job["status"] = new JsonObject { ["state"] = "DONE" };
        return job.ToJsonString();
    }

    /// <summary>
    /// The fixture answering a jobs.query: every check counts no offending row; the load record reads as committed
    /// (the fake keeps no state); any other query finds no rows.
    /// </summary>
    public static string QueryAnswer(ReceivedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sql = request.Json["query"]!.GetValue<string>();
        return sql.StartsWith("SELECT COUNT(*) AS violations FROM (", StringComparison.Ordinal) ? "bigquery/query_complete.json"
            : sql.Contains(".load_state`", StringComparison.Ordinal) ? "bigquery/query_load_state_committed.json"
            : "bigquery/query_no_rows.json";
    }

    /// <summary>Whether <paramref name="request"/> inserts a job (a load or a query).</summary>
    public static bool IsJobInsert(ReceivedRequest request) =>
        request.Method == HttpMethod.Post && request.Uri.AbsolutePath.EndsWith("/jobs", StringComparison.Ordinal);

    /// <summary>The SQL of every query job inserted, in the order sent.</summary>
    public static string[] QueryStatements(IEnumerable<ReceivedRequest> requests) =>
        requests.Where(r => IsJobInsert(r) && r.Json["configuration"]!["query"] is not null)
            .Select(r => r.Json["configuration"]!["query"]!["query"]!.GetValue<string>())
            .ToArray();
}
