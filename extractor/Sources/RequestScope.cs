namespace StockLakehouse.Extractor.Sources;

/// <summary>What a source's requests are about, which decides how the planner builds them.</summary>
public enum RequestScope
{
    /// <summary>A date range per symbol (daily bars): planned from the trading calendar and watermarks.</summary>
    SymbolRange,

    /// <summary>One snapshot per symbol as of the ingest date (a company profile).</summary>
    SymbolSnapshot,

    /// <summary>The source itself lists its requests (files on disk, a listing in two states).</summary>
    Discovered,
}
