namespace StockLakehouse.DuckDbReference;

/// <summary>What a reference run loaded (bars, and bars past the EMA 12 and SMA 50 lookbacks) and how long it took.</summary>
internal sealed record ReferenceResult(long Bars, long BarsWithEma12, long BarsWithSma50, TimeSpan Elapsed);
