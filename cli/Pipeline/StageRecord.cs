using System.Text.Json.Serialization;

namespace StockLakehouse.Cli.Pipeline;

/// <summary>One stage in the run manifest: when it ran, how long, records in and out, rejects by reason.</summary>
public sealed record StageRecord(
    [property: JsonPropertyName("stage")] PipelineStage Stage,
    [property: JsonPropertyName("started_at")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("duration_ms")] long DurationMs,
    [property: JsonPropertyName("records_in")] long RecordsIn,
    [property: JsonPropertyName("records_out")] long RecordsOut,
    [property: JsonPropertyName("rejects")] IReadOnlyDictionary<string, long> Rejects,
    [property: JsonPropertyName("details")] IReadOnlyDictionary<string, object> Details);
