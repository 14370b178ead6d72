using System.Text.Json.Nodes;

namespace StockLakehouse.Cloud.BigQuery;

/// <summary>
/// The answer of <c>jobs.query</c> or <c>jobs.getQueryResults</c>: whether the query finished, its job, its
/// column names and the rows of the first page, each value as BigQuery's JSON gives it (a string, or null).
/// </summary>
public sealed record BigQueryQueryResult(BigQueryJobReference Job, bool Complete, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows)
{
    public static BigQueryQueryResult From(JsonObject response, string projectId)
    {
        ArgumentNullException.ThrowIfNull(response);
        var reference = response["jobReference"];
        var job = new BigQueryJobReference(
            reference?["projectId"]?.GetValue<string>() ?? projectId,
            reference?["jobId"]?.GetValue<string>() ?? string.Empty,
            reference?["location"]?.GetValue<string>());
        var columns = response["schema"]?["fields"] is JsonArray fields
            ? fields.Select(f => f?["name"]?.GetValue<string>() ?? string.Empty).ToArray()
            : [];
        var rows = response["rows"] is JsonArray list
            ? list.Select(r => (IReadOnlyList<string?>)(r?["f"] is JsonArray cells ? cells.Select(Value).ToArray() : [])).ToArray()
            : [];
        return new BigQueryQueryResult(job, response["jobComplete"]?.GetValue<bool>() ?? false, columns, rows);
    }

    /// <summary>The first column of the first row as a number, for <c>SELECT COUNT(*)</c> queries.</summary>
    public long SingleLong() =>
        Rows.Count > 0 && Rows[0].Count > 0 && long.TryParse(Rows[0][0], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"BigQuery job {Job.JobId} returned no integer in its first cell ({Rows.Count} rows).");

    private static string? Value(JsonNode? cell) => cell?["v"] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        var other => other.ToJsonString(),
    };
}
