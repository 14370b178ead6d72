using System.Text.Json;
using System.Text.Json.Serialization;

namespace StockLakehouse.Cli.Locking;

/// <summary>
/// The content of a lake's lock object in an object store: who holds it and until when. A lease that has expired, or
/// was released, is free; <see cref="Token"/> tells the holder's own writes from another's with the same description.
/// </summary>
internal sealed record LakeLease(
    [property: JsonPropertyName("writer")] LakeWriter Writer,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("released")] bool Released)
{
    public bool IsFree(DateTimeOffset now) => Released || ExpiresAt <= now;

    /// <summary>The lease in <paramref name="json"/>, or null when the object is not a lease (it is then treated as free).</summary>
    public static LakeLease? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<LakeLease>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this);
}
