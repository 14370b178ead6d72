namespace StockLakehouse.Extractor.Sources.Simulated;

/// <summary>A dividend inside a generated window: <paramref name="Index"/> is the ex-date's window index.</summary>
internal sealed record PathDividend(int Index, long AmountCents);
