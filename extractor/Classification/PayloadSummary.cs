namespace StockLakehouse.Extractor.Classification;

/// <summary>
/// What a body in the expected format holds: the symbol it says it is for (null when the format does not
/// say), its rows, and the New York date of each dated row in ascending order (empty for undated rows).
/// </summary>
internal sealed record PayloadSummary(string? Symbol, int Rows, IReadOnlyList<DateOnly> Dates);
