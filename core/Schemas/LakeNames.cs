namespace StockLakehouse.Core.Schemas;

/// <summary>
/// The names the lake's keys and the code share, in one place: the raw sources and datasets
/// (<c>raw/source=&lt;source&gt;/dataset=&lt;dataset&gt;/</c>, see <c>Core.Lake.LakeLayout</c>) and the tables of
/// <c>schemas/</c>. The layers are <see cref="Layers"/>.
/// </summary>
public static class LakeNames
{
    /// <summary>Yahoo Finance's chart v8 API (and the simulated market, which lands the same payloads).</summary>
    public const string Yahoo = "yahoo";

    /// <summary>Alpha Vantage's API.</summary>
    public const string AlphaVantage = "alphavantage";

    /// <summary>Company reference files landed in the lake.</summary>
    public const string Reference = "reference";

    /// <summary>Yahoo's daily chart payloads (bars, dividends, splits).</summary>
    public const string Chart = "chart";

    /// <summary>Alpha Vantage's TIME_SERIES_DAILY payloads.</summary>
    public const string TimeSeriesDaily = "time_series_daily";

    /// <summary>Alpha Vantage's OVERVIEW payloads (one company's facts).</summary>
    public const string Overview = "overview";

    /// <summary>Alpha Vantage's LISTING_STATUS files (every listing of a day).</summary>
    public const string ListingStatus = "listing_status";

    /// <summary>Company reference CSV files.</summary>
    public const string Companies = "companies";

    /// <summary>Silver: one row per (symbol, trade date), as traded.</summary>
    public const string DailyBar = "daily_bar";

    public const string DimDate = "dim_date";

    public const string DimExchange = "dim_exchange";

    public const string DimCompany = "dim_company";

    public const string FactStockPrice = "fact_stock_price";

    public const string FactTechnicalIndicator = "fact_technical_indicator";
}
