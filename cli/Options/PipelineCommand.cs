using StockLakehouse.Cli.Pipeline;

namespace StockLakehouse.Cli.Options;

/// <summary>
/// A pipeline command of the CLI: its name, the stages it runs, and what sets it apart when its options are
/// resolved, so that the resolver asks the command what it does instead of comparing its name.
/// </summary>
public sealed record PipelineCommand(string Name, string Description, IReadOnlyList<PipelineStage> Stages)
{
    public static readonly PipelineCommand Run = new(
        "run",
        "Run the whole pipeline: extract, silver, gold, load, check.",
        [PipelineStage.Extract, PipelineStage.Silver, PipelineStage.Gold, PipelineStage.Load, PipelineStage.Check]);

    public static readonly PipelineCommand Extract = new(
        "extract",
        "Land raw responses for the symbols and dates (the simulated market by default); never overwrites or duplicates a raw object.",
        [PipelineStage.Extract])
    {
        AcceptsBucketLake = true,
    };

    public static readonly PipelineCommand Transform = new(
        "transform",
        "Build silver (parse, validate, dedupe, quarantine) and gold (star schema) from the raw layer.",
        [PipelineStage.Silver, PipelineStage.Gold])
    {
        EveryLakeSymbolByDefault = true,
    };

    public static readonly PipelineCommand Load = new("load", "Merge the gold tables into the DuckDB warehouse; rerunning changes nothing.", [PipelineStage.Load]);

    public static readonly PipelineCommand Check = new("check", "Run the data-quality checks of schemas/ against the warehouse.", [PipelineStage.Check])
    {
        EndFromLastBuild = true,
    };

    /// <summary>Every pipeline command, in the order of the help text.</summary>
    public static IReadOnlyList<PipelineCommand> All { get; } = [Run, Extract, Transform, Load, Check];

    /// <summary>The command extracts, and so takes the extract options and may simulate the market.</summary>
    public bool Extracts => Stages.Contains(PipelineStage.Extract);

    /// <summary>The command loads the warehouse, whose folder must then be writable before anything runs.</summary>
    public bool Loads => Stages.Contains(PipelineStage.Load);

    /// <summary>The command only checks, and needs a warehouse that exists.</summary>
    public bool OnlyChecks => Stages is [PipelineStage.Check];

    /// <summary>The lake may be a gs:// bucket (the stages after extract run on a local lake only).</summary>
    public bool AcceptsBucketLake { get; init; }

    /// <summary>Without --symbols or --symbols-file the command covers every symbol with raw daily bars in the lake.</summary>
    public bool EveryLakeSymbolByDefault { get; init; }

    /// <summary>Without dates the command expects the end date of the newest build recorded in the lake.</summary>
    public bool EndFromLastBuild { get; init; }
}
