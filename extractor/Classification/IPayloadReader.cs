namespace StockLakehouse.Extractor.Classification;

/// <summary>
/// Reads a body of one format (Yahoo chart, Alpha Vantage daily series, a CSV file…): says what it holds, or
/// why it is not data — including the source's own error messages, which arrive as well-formed bodies.
/// </summary>
internal interface IPayloadReader
{
    /// <summary>A short name of the format for messages ("Yahoo chart v8 JSON").</summary>
    string FormatName { get; }

    PayloadReading Read(ReadOnlySpan<byte> body);
}
