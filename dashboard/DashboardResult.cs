namespace StockLakehouse.Dashboard;

/// <summary>What a dashboard build wrote: the file, its size, and how much it embeds.</summary>
/// <param name="Symbols">Symbols in the warehouse (all listed, searchable, with their latest snapshot).</param>
/// <param name="ChartedSymbols">Symbols whose candlesticks and indicators are embedded.</param>
/// <param name="Runs">Run manifests shown.</param>
public sealed record DashboardResult(string OutputFile, long Bytes, int Symbols, int ChartedSymbols, int Runs, TimeSpan Elapsed);
