using System.Text.Json.Serialization;

namespace StockLakehouse.Cli.Pipeline;

/// <summary>
/// A stage of the local pipeline. The manifest's <c>stage</c> and the console's summary name each by its
/// <see cref="JsonStringEnumMemberNameAttribute"/> (<see cref="PipelineStageNames.Name"/>), the names the dashboard and
/// schedulers read.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<PipelineStage>))]
public enum PipelineStage
{
    /// <summary>Raw responses landed from a source.</summary>
    [JsonStringEnumMemberName("extract")]
    Extract,

    /// <summary>Raw responses parsed, validated and deduplicated into silver.</summary>
    [JsonStringEnumMemberName("silver")]
    Silver,

    /// <summary>The gold star schema built from silver.</summary>
    [JsonStringEnumMemberName("gold")]
    Gold,

    /// <summary>The gold tables merged into the warehouse, the marts created.</summary>
    [JsonStringEnumMemberName("load")]
    Load,

    /// <summary>The data-quality checks run against the warehouse.</summary>
    [JsonStringEnumMemberName("check")]
    Check,
}
