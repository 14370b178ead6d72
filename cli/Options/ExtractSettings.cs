using StockLakehouse.Extractor.Catalog;
using StockLakehouse.Extractor.Planning;

namespace StockLakehouse.Cli.Options;

/// <summary>What the extract stage fetches and how: the source and its settings, the planning mode and the daily lookback.</summary>
public sealed record ExtractSettings(ExtractSourceOptions Source, ExtractMode Mode, int LookbackTradingDays)
{
    public bool IsSimulated => Source.Source == ExtractSourceCatalog.Simulated;
}
