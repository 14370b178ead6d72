namespace StockLakehouse.Core.Progress;

/// <summary>Progress of a long stage: <paramref name="Done"/> of <paramref name="Total"/> partitions.</summary>
public readonly record struct StageProgress(string Stage, int Done, int Total);
