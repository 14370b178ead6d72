using System.Text.Json;
using StockLakehouse.Core.Lake;

namespace StockLakehouse.Extractor.Landing;

/// <summary>
/// Reads a raw object and its <c>.meta.json</c> and says whether they belong together: the metadata must parse and
/// name the stored body's SHA-256 and size. Both are read whole: a body altered after landing is only found by
/// hashing it.
/// </summary>
public static class RawObjectInspector
{
    public static async Task<RawObjectInspection> InspectAsync(IObjectStore store, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var metadataKey = RawLander.MetadataKeyFor(key);
        var body = await store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        var json = await store.ReadAsync(metadataKey, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return new RawObjectInspection(key, RawObjectCondition.Missing, null, null, json is null ? null : $"'{metadataKey}' has no body beside it.");
        }

        if (json is null)
        {
            return new RawObjectInspection(key, RawObjectCondition.BodyWithoutMetadata, body, null, $"'{key}' has no metadata.");
        }

        RawObjectMetadata metadata;
        try
        {
            metadata = RawObjectMetadata.FromJson(json, metadataKey);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or NotSupportedException)
        {
            return new RawObjectInspection(key, RawObjectCondition.Damaged, body, null, $"The metadata '{metadataKey}' of '{key}' is unreadable: {e.Message}");
        }

        return metadata.Describes(body)
            ? new RawObjectInspection(key, RawObjectCondition.Intact, body, metadata, null)
            : new RawObjectInspection(key, RawObjectCondition.Damaged, body, metadata, $"The body '{key}' ({body.Length} bytes) does not match the SHA-256 and size ({metadata.Bytes} bytes) its metadata records.");
    }
}
