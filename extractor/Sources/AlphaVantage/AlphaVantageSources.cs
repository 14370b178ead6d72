namespace StockLakehouse.Extractor.Sources.AlphaVantage;

/// <summary>Names shared by the Alpha Vantage sources.</summary>
internal static class AlphaVantageSources
{
    /// <summary>The lake's source name for every Alpha Vantage dataset.</summary>
    public const string Name = "alphavantage";
}
