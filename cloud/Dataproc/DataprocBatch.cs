using System.Text.Json.Nodes;

namespace StockLakehouse.Cloud.Dataproc;

/// <summary>
/// A Dataproc Serverless batch as <c>batches.get</c> returns it: its resource name, state and state message,
/// and where its output went (<c>runtimeInfo.outputUri</c>, the driver output in GCS, and
/// <c>runtimeInfo.diagnosticOutputUri</c>). Logs also go to Cloud Logging under the batch's id
/// (<see cref="LoggingUri"/>).
/// </summary>
public sealed record DataprocBatch(string Name, string State, string? StateMessage, string? OutputUri, string? DiagnosticOutputUri, JsonObject Resource)
{
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string Cancelled = "CANCELLED";

    /// <summary>SUCCEEDED, FAILED and CANCELLED are final; PENDING, RUNNING and CANCELLING are not.</summary>
    public bool IsFinal => State is Succeeded or Failed or Cancelled;

    /// <summary>The batch id, the last segment of <c>projects/{p}/locations/{r}/batches/{id}</c>.</summary>
    public string BatchId => Name[(Name.LastIndexOf('/') + 1)..];

    /// <summary>The project of the batch's resource name.</summary>
    public string Project => Name.Split('/') is ["projects", var project, ..] ? project : string.Empty;

    /// <summary>The Logs Explorer query for the batch's driver and executor logs.</summary>
    public string LoggingUri =>
        "https://console.cloud.google.com/logs/query;query="
        + Uri.EscapeDataString($"resource.type=\"cloud_dataproc_batch\"\nresource.labels.batch_id=\"{BatchId}\"")
        + "?project=" + Uri.EscapeDataString(Project);

    public static DataprocBatch From(JsonObject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new DataprocBatch(
            resource["name"]?.GetValue<string>() ?? throw new InvalidDataException($"The Dataproc batch resource has no name: {resource.ToJsonString()}"),
            resource["state"]?.GetValue<string>() ?? "STATE_UNSPECIFIED",
            resource["stateMessage"]?.GetValue<string>(),
            resource["runtimeInfo"]?["outputUri"]?.GetValue<string>(),
            resource["runtimeInfo"]?["diagnosticOutputUri"]?.GetValue<string>(),
            resource);
    }
}
