namespace StockLakehouse.Extractor.Planning;

/// <summary>How the planner picks each symbol's date range.</summary>
public enum ExtractMode
{
    /// <summary>Exactly the range asked for (<c>--from</c>/<c>--to</c>), when it holds at least one NYSE trading day.</summary>
    Backfill,

    /// <summary>
    /// From each symbol's watermark minus a lookback of trading days (so late corrections arrive) to the end
    /// date; from the start date for a symbol without a watermark.
    /// </summary>
    Daily,
}
