using System.Text.Json;

namespace StockLakehouse.Extractor.Classification;

/// <summary>
/// Reads OVERVIEW bodies: one flat JSON object of strings (Symbol, Name, Exchange, Sector, …). Alpha Vantage
/// answers an unknown symbol here with an empty object, not an error message.
/// </summary>
internal sealed class AlphaVantageOverviewReader : AlphaVantageJsonReader
{
    public AlphaVantageOverviewReader(AlphaVantageMessages messages)
        : base(messages)
    {
    }

    public override string FormatName => "Alpha Vantage OVERVIEW JSON";

    protected override PayloadReading ReadContent(JsonElement root, ReadOnlySpan<byte> body)
    {
        if (!root.EnumerateObject().Any())
        {
            return PayloadReading.Rejected(RequestOutcome.SymbolRejected, "Alpha Vantage has no company overview for the symbol (it answered {}).");
        }

        return root.TryGetProperty("Symbol", out var symbol) && symbol.ValueKind == JsonValueKind.String
            ? PayloadReading.Readable(new PayloadSummary(symbol.GetString(), 1, []))
            : PayloadReading.Rejected(RequestOutcome.UnexpectedContent, $"The body has no \"Symbol\" and is no known Alpha Vantage message: {BodyPreview.Of(body)}.");
    }
}
