using System.Text.Json.Nodes;

namespace StockLakehouse.Cloud.BigQuery;

/// <summary>One entry of a job's <c>status.errorResult</c> or <c>status.errors</c>, as BigQuery reported it.</summary>
public sealed record BigQueryError(string? Reason, string? Location, string Message)
{
    public static BigQueryError From(JsonNode node) => new(
        node["reason"]?.GetValue<string>(),
        node["location"]?.GetValue<string>(),
        node["message"]?.GetValue<string>() ?? node.ToJsonString());

    public override string ToString() =>
        Message + (Reason is null && Location is null ? string.Empty : $" (reason: {Reason ?? "none"}{(Location is null ? string.Empty : $", location: {Location}")})");
}
