namespace StockLakehouse.Extractor.Planning;

/// <summary>A symbol the planner made no request for, and why (no trading day in the range, already up to date).</summary>
public sealed record NotRequested(string Symbol, string Reason);
