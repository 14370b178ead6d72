using System.Text.Json.Serialization;

namespace StockLakehouse.Cli.Pipeline;

/// <summary>How a run ended, as its manifest records it (<c>status</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunStatus>))]
public enum RunStatus
{
    /// <summary>Every stage ran and every check passed.</summary>
    [JsonStringEnumMemberName("succeeded")]
    Succeeded,

    /// <summary>Every stage ran but at least one data-quality check failed.</summary>
    [JsonStringEnumMemberName("checks_failed")]
    ChecksFailed,

    /// <summary>Every stage ran but some extract requests landed nothing.</summary>
    [JsonStringEnumMemberName("extract_incomplete")]
    ExtractIncomplete,

    /// <summary>Stopped by Ctrl+C or SIGTERM between batches.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,

    /// <summary>A stage failed; the manifest's <c>error</c> says why.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
