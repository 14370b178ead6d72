using System.Text.Json;
using System.Text.Json.Serialization;

namespace StockLakehouse.Extractor.State;

/// <summary>
/// How far a (source, dataset, symbol) has landed: the latest bar date on or before a landed request's end,
/// and the object that brought it. It holds no timestamps, so the same landings write the same bytes.
/// </summary>
public sealed record Watermark(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("dataset")] string Dataset,
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("through")] DateOnly Through,
    [property: JsonPropertyName("object")] string ObjectKey)
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Options);

    public static Watermark FromJson(ReadOnlySpan<byte> json, string key)
    {
        try
        {
            return JsonSerializer.Deserialize<Watermark>(json, Options) ?? throw new InvalidDataException($"The watermark '{key}' is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The watermark '{key}' is not a valid watermark document: {e.Message}", e);
        }
    }
}
