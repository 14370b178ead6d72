namespace StockLakehouse.Dashboard.Runs;

/// <summary>One rejected record shown as an example of its reason.</summary>
internal sealed record QuarantineExample(string Table, string Symbol, string? TradeDate, string Detail);
