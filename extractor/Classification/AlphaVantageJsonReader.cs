using System.Text.Json;

namespace StockLakehouse.Extractor.Classification;

/// <summary>
/// The common start of every Alpha Vantage JSON reader: the body must be one JSON object, and an object that is
/// one of Alpha Vantage's HTTP-200 messages (error, rate limit, premium) is rejected with that message's outcome
/// before the endpoint-specific content is read.
/// </summary>
internal abstract class AlphaVantageJsonReader : IPayloadReader
{
    private readonly AlphaVantageMessages _messages;

    protected AlphaVantageJsonReader(AlphaVantageMessages messages)
    {
        _messages = messages;
    }

    public abstract string FormatName { get; }

    public PayloadReading Read(ReadOnlySpan<byte> body)
    {
        if (!JsonBodies.TryParseObject(body, out var document, out var rejection))
        {
            return rejection;
        }

        using (document)
        {
            var root = document.RootElement;
            return _messages.Classify(root) is { } message
                ? PayloadReading.Rejected(message)
                : ReadContent(root, body);
        }
    }

    /// <summary>Reads a body that is a JSON object and no Alpha Vantage message.</summary>
    protected abstract PayloadReading ReadContent(JsonElement root, ReadOnlySpan<byte> body);
}
