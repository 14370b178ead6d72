using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StockLakehouse.Core.Lake;

/// <summary>
/// What was asked for and what came back, stored beside each raw object as <c>&lt;name&gt;.meta.json</c>.
/// The URL never carries an API key. <see cref="RequestedTo"/> is inclusive.
/// </summary>
public sealed record RawObjectMetadata(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("dataset")] string Dataset,
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("fetched_at")] DateTimeOffset FetchedAt,
    [property: JsonPropertyName("requested_from")] DateOnly RequestedFrom,
    [property: JsonPropertyName("requested_to")] DateOnly RequestedTo,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("bytes")] long Bytes)
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Options);

    /// <summary>Whether <paramref name="body"/> is the body this metadata describes: the same size and SHA-256.</summary>
    public bool Describes(ReadOnlySpan<byte> body) =>
        body.Length == Bytes && string.Equals(Convert.ToHexStringLower(SHA256.HashData(body)), Sha256, StringComparison.OrdinalIgnoreCase);

    public static RawObjectMetadata FromJson(ReadOnlySpan<byte> json, string key) =>
        JsonSerializer.Deserialize<RawObjectMetadata>(json, Options)
        ?? throw new InvalidDataException($"The raw metadata '{key}' is null.");
}
