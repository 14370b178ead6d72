using System.Text.Json.Nodes;

namespace StockLakehouse.Cloud.BigQuery;

/// <summary>
/// A BigQuery job resource as <c>jobs.insert</c> and <c>jobs.get</c> return it: its reference, its state
/// (PENDING, RUNNING or DONE), and when DONE the <c>errorResult</c> that decides whether it failed and every
/// error it collected. <see cref="Resource"/> keeps the whole answer for statistics.
/// </summary>
public sealed record BigQueryJob(BigQueryJobReference Reference, string State, BigQueryError? ErrorResult, IReadOnlyList<BigQueryError> Errors, JsonObject Resource)
{
    public bool IsDone => State == "DONE";

    /// <summary>A DONE job failed exactly when <c>status.errorResult</c> is present (errors alone can be warnings).</summary>
    public bool Failed => IsDone && ErrorResult is not null;

    /// <summary>Rows a load job wrote (<c>statistics.load.outputRows</c>), or null.</summary>
    public long? LoadedRows => long.TryParse(Resource["statistics"]?["load"]?["outputRows"]?.GetValue<string>(), out var rows) ? rows : null;

    public static BigQueryJob From(JsonObject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var reference = resource["jobReference"] ?? throw new InvalidDataException($"The BigQuery job resource has no jobReference: {resource.ToJsonString()}");
        var status = resource["status"];
        return new BigQueryJob(
            new BigQueryJobReference(
                reference["projectId"]?.GetValue<string>() ?? string.Empty,
                reference["jobId"]?.GetValue<string>() ?? throw new InvalidDataException($"The BigQuery job resource has no jobReference.jobId: {resource.ToJsonString()}"),
                reference["location"]?.GetValue<string>()),
            status?["state"]?.GetValue<string>() ?? "PENDING",
            status?["errorResult"] is { } error ? BigQueryError.From(error) : null,
            status?["errors"] is JsonArray errors ? errors.OfType<JsonNode>().Select(BigQueryError.From).ToArray() : [],
            resource);
    }
}
