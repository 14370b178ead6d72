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
    /// <summary>Some extract requests landed nothing; the manifest lists them (exit code 4 when nothing worse happened).</summary>
    public bool ExtractIncomplete { get; init; }

    /// <summary>How many symbols the run covered.</summary>
    public int Symbols { get; init; }
}
