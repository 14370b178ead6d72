namespace StockLakehouse.Extractor.Sources.Simulated;

/// <summary>The Yahoo data-quality defects the simulator injects into chart payloads.</summary>
public enum DefectKind
{
    /// <summary><c>quote.open[i]</c> is null; everything else at the index is present.</summary>
    NullOpen,

    /// <summary><c>quote.high[i]</c> is null.</summary>
    NullHigh,

    /// <summary><c>quote.low[i]</c> is null.</summary>
    NullLow,

    /// <summary><c>quote.close[i]</c> is null, and so is <c>adjclose[i]</c>, which Yahoo derives from it.</summary>
    NullClose,

    /// <summary><c>quote.volume[i]</c> is null.</summary>
    NullVolume,

    /// <summary>The timestamp is present but open, high, low, close, volume and adjclose are all null.</summary>
    NullBar,

    /// <summary>
    /// One extra bar after the last trading day, stamped a few hours after that day's open (same New York
    /// date) with slightly different values — Yahoo's live bar repeating the day's bar.
    /// </summary>
    DuplicatedTrailingBar,
}
