using StockLakehouse.Extractor.Classification;

namespace StockLakehouse.Extractor.Tests.Sources.Import;

/// <summary>Yahoo's chart reader, counting how many bodies it has parsed.</summary>
internal sealed class CountingPayloadReader : IPayloadReader
{
    public int Reads { get; private set; }

    public string FormatName => YahooChartReader.Instance.FormatName;

    public PayloadReading Read(ReadOnlySpan<byte> body)
    {
        Reads++;
        return YahooChartReader.Instance.Read(body);
    }
}
