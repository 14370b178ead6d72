namespace StockLakehouse.Dashboard.Warehouse;

/// <summary>A symbol in the warehouse and the value traded on its latest bar (close × volume), which ranks it for charting.</summary>
internal sealed record TradedSymbol(string Symbol, double TradedValue);
