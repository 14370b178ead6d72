using StockLakehouse.Core.Checks;

namespace StockLakehouse.Cli.Pipeline;

/// <summary>What a pipeline run produced, for the summary and the exit code.</summary>
public sealed record PipelineResult(
    string RunId,
    IReadOnlyList<StageRecord> Stages,
    IReadOnlyDictionary<string, long> Tables,
    IReadOnlyList<CheckResult> Checks,
    IReadOnlyList<string> Failures,
    string ManifestPath,
    string LogPath,
    string? QuarantinePath)
{
    /// <summary>How the run ended: <see cref="RunStatus.ExtractIncomplete"/> when some extract requests landed nothing and nothing worse happened (the manifest lists them).</summary>
    public RunStatus Status { get; init; }

    /// <summary>How many symbols the run covered.</summary>
    public int Symbols { get; init; }
}
