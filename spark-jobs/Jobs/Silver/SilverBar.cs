namespace StockLakehouse.Jobs.Silver;

/// <summary>One bar on its way to silver: where it came from (source, raw object, index, ingest date) and its values as traded.</summary>
internal readonly record struct SilverBar(
    DateOnly Date,
    int Index,
    bool AtSessionOpen,
    double Open,
    double High,
    double Low,
    double Close,
    double AdjClose,
    long Volume,
    double Dividend,
    double SplitRatio,
    string Currency,
    string Source,
    DateOnly IngestDate,
    string RawObject);
