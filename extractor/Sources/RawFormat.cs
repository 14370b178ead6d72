namespace StockLakehouse.Extractor.Sources;

/// <summary>The format of a source's bodies, which decides the raw object's file extension.</summary>
public enum RawFormat
{
    /// <summary>A JSON document (<c>.json</c>).</summary>
    Json,

    /// <summary>A CSV file with a header row (<c>.csv</c>).</summary>
    Csv,
}
