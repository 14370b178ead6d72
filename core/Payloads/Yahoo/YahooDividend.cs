namespace StockLakehouse.Core.Payloads.Yahoo;

/// <summary>A dividend event: the ex-date session's timestamp and the split-adjusted amount per share.</summary>
public readonly record struct YahooDividend(long Timestamp, double Amount);
