using System.Text.Json;
using StockLakehouse.Core.Payloads;

namespace StockLakehouse.Extractor.Classification;

/// <summary>The first checks every JSON format shares: not empty, not an HTML page, a complete JSON object.</summary>
internal static class JsonBodies
{
    /// <summary>
    /// Parses <paramref name="body"/> as a JSON object; on failure <paramref name="rejection"/> says whether the
    /// body was not JSON at all (<see cref="RequestOutcome.WrongFormat"/>) or broken JSON (<see cref="RequestOutcome.Malformed"/>).
    /// </summary>
    public static bool TryParseObject(ReadOnlySpan<byte> body, out JsonDocument document, out PayloadReading rejection)
    {
        document = null!;
        rejection = null!;
        var trimmed = PayloadBytes.TrimStart(body);
        if (trimmed.IsEmpty)
        {
            rejection = PayloadReading.Rejected(RequestOutcome.WrongFormat, "The body is empty.");
            return false;
        }

        if (trimmed[0] != (byte)'{')
        {
            var kind = trimmed[0] == (byte)'<' ? "an HTML or XML page" : "not a JSON object";
            rejection = PayloadReading.Rejected(RequestOutcome.WrongFormat, $"The body is {kind}: {BodyPreview.Of(trimmed)}.");
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(trimmed);
            document = JsonDocument.ParseValue(ref reader);
            return true;
        }
        catch (JsonException e)
        {
            rejection = PayloadReading.Rejected(RequestOutcome.Malformed, $"The JSON is malformed or truncated: {e.Message}");
            return false;
        }
    }
}
