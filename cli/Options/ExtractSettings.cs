using StockLakehouse.Extractor.Catalog;
using StockLakehouse.Extractor.Planning;

namespace StockLakehouse.Cli.Options;

/// <summary>What the extract stage fetches and how: the source and its settings, the planning mode and the daily lookback.</summary>
public sealed record ExtractSettings(ExtractSourceOptions Source, ExtractMode Mode, int LookbackTradingDays)
{
    /// <summary>Whether requests that landed nothing still end the command with exit code 0 (they stay in the manifest).</summary>
    public bool AllowIncomplete { get; init; }

    public bool IsSimulated => Source.Source == ExtractSourceCatalog.Simulated;
}
