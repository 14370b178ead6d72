namespace StockLakehouse.Extractor.Planning;

/// <summary>New York dates from <see cref="From"/> through <see cref="To"/>, both inclusive.</summary>
public readonly record struct DateRange(DateOnly From, DateOnly To);
