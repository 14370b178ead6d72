namespace StockLakehouse.Extractor.Sources.Simulated;

/// <summary>A cash dividend: <paramref name="Amount"/> per share as traded on <paramref name="ExDate"/>.</summary>
public sealed record SimulatedDividend(DateOnly ExDate, decimal Amount);
