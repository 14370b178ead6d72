namespace StockLakehouse.Extractor.Sources.AlphaVantage;

/// <summary>The Alpha Vantage functions the extractor lands, each its own dataset in the lake.</summary>
public enum AlphaVantageDataset
{
    /// <summary>TIME_SERIES_DAILY: daily bars per symbol (dataset=time_series_daily).</summary>
    TimeSeriesDaily,

    /// <summary>OVERVIEW: the company profile per symbol, for dim_company (dataset=overview).</summary>
    Overview,

    /// <summary>LISTING_STATUS: the universe of active and delisted listings as CSV (dataset=listing_status).</summary>
    ListingStatus,
}
