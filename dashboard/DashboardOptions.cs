namespace StockLakehouse.Dashboard;

/// <summary>What the dashboard reads and writes, and how much of each symbol's history it embeds for charts.</summary>
/// <param name="WarehousePath">The DuckDB warehouse file a run loaded.</param>
/// <param name="LakeFolder">The local lake whose <c>_runs/</c> manifests and <c>_quarantine/</c> files describe the runs.</param>
/// <param name="OutputFile">The HTML file to write.</param>
/// <param name="ExpectedSession">
/// The NYSE session the warehouse should reach, as the freshness checks expect it (the last trading day on or before
/// the end of the newest run that built gold); data freshness is shown against it.
/// </param>
/// <param name="ChartSymbols">
/// At most this many symbols get candlesticks and indicators embedded: every symbol when the warehouse holds
/// no more, otherwise the most traded by value on their latest bar, after the correlation symbols and <paramref name="PinnedSymbols"/>.
/// </param>
/// <param name="ChartSessions">The last this many sessions of each charted symbol are embedded.</param>
/// <param name="PinnedSymbols">Symbols always charted (when the warehouse has them).</param>
/// <param name="RunsShown">The newest this many run manifests are shown.</param>
public sealed record DashboardOptions(
    string WarehousePath,
    string LakeFolder,
    string OutputFile,
    DateOnly ExpectedSession,
    int ChartSymbols = DashboardOptions.DefaultChartSymbols,
    int ChartSessions = DashboardOptions.DefaultChartSessions,
    IReadOnlyList<string>? PinnedSymbols = null,
    int RunsShown = DashboardOptions.DefaultRunsShown)
{
    public const int DefaultChartSymbols = 200;
    public const int DefaultChartSessions = 504;
    public const int DefaultRunsShown = 10;
}
