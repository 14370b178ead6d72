namespace StockLakehouse.Extractor.Sources.Import;

/// <summary>The format of the JSON files in an import folder.</summary>
public enum ImportFormat
{
    /// <summary>Decided by the first file that reads as one of the formats (Yahoo chart when none does).</summary>
    Auto,

    /// <summary>Yahoo chart v8 responses; they land as source=yahoo/dataset=chart, where silver reads them.</summary>
    YahooChart,

    /// <summary>Alpha Vantage TIME_SERIES_DAILY responses; they land as source=alphavantage/dataset=time_series_daily.</summary>
    AlphaVantageDaily,
}
