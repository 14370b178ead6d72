namespace StockLakehouse.Cli.Options;

/// <summary>
/// What a pipeline command receives: the settings of each option group it has. Every command has the common
/// group; only the commands that extract (<see cref="PipelineCommand.Extracts"/>) have <see cref="Extract"/>, so a
/// stage after extract cannot read a source, seed or mode it was never given.
/// </summary>
public sealed record CommandSettings(CommonSettings Common, ExtractSettings? Extract);
