namespace StockLakehouse.Extractor.Sources.Simulated;

/// <summary>
/// A defect in a chart payload. <paramref name="Index"/> is the payload array index: for null kinds it is also
/// the index into <see cref="SimulatedHistory.Dates"/>; for <see cref="DefectKind.DuplicatedTrailingBar"/> it
/// is <c>Dates.Count</c>, the extra bar's position.
/// </summary>
public sealed record SimulatedDefect(int Index, DefectKind Kind);
