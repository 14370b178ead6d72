namespace StockLakehouse.Extractor.Sources.Simulated;

/// <summary>The defects of one payload, in index order, and the extra bar if one is appended.</summary>
internal sealed record DefectPlan(IReadOnlyList<SimulatedDefect> Defects, DuplicateBar? Duplicate)
{
    public static DefectPlan None { get; } = new([], null);
}
