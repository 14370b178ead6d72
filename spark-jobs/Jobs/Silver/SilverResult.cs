using StockLakehouse.Core.Lake;

namespace StockLakehouse.Jobs.Silver;

/// <summary>The silver output of one symbol: the clean bars, every rejected record with its reason, and how many bars came in.</summary>
public sealed record SilverResult(DailyBarSeries Bars, IReadOnlyList<QuarantineRecord> Rejects, int InputBars, int SupersededBars);
