using System.Text.Json;
using System.Text.Json.Serialization;
using StockLakehouse.Core.Checks;

namespace StockLakehouse.Cli.Pipeline;

/// <summary>The record of one run, written to <c>_runs/&lt;run id&gt;/manifest.json</c>: what ran, with which options, counts, rejects, timings, checks.</summary>
public sealed record RunManifest(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("command")] string Command,
    [property: JsonPropertyName("status")] RunStatus Status,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("started_at")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("finished_at")] DateTimeOffset FinishedAt,
    [property: JsonPropertyName("options")] IReadOnlyDictionary<string, object> Options,
    [property: JsonPropertyName("stages")] IReadOnlyList<StageRecord> Stages,
    [property: JsonPropertyName("tables")] IReadOnlyDictionary<string, long> Tables,
    [property: JsonPropertyName("checks")] IReadOnlyList<CheckResult> Checks)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);
}
