namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// The run <see cref="RunId"/> that computed a symbol's gold partitions also wrote, at its end, their rows dated on or
/// after <see cref="From"/> into its change file of each fact table (<c>LakeLayout.Changes</c>), beside the same rows
/// of the other symbols it changed; a file that is not there (the run stopped before its end) holds nothing.
/// </summary>
public sealed record GoldChangeRows(string RunId, DateOnly From);
