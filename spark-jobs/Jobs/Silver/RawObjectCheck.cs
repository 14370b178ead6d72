using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;

namespace StockLakehouse.Jobs.Silver;

/// <summary>
/// Opens one landed raw object for silver: its <c>.meta.json</c> parsed, and the body checked against the size and
/// SHA-256 the metadata recorded when it landed. An object that fails is rejected whole, naming its key
/// (<see cref="RejectReason.InvalidMetadata"/>, <see cref="RejectReason.BodyMismatch"/>), so one damaged file costs
/// its own bars and never the run. A missing metadata file is left to <see cref="DailyBarSilverFunction"/>, which
/// rejects it as <see cref="RejectReason.MissingMetadata"/>.
/// </summary>
public static class RawObjectCheck
{
    /// <summary>The object ready for silver, or null when it was rejected into <paramref name="rejects"/>.</summary>
    public static RawChartObject? Open(Symbol symbol, string key, byte[] body, byte[]? metadata, ICollection<QuarantineRecord> rejects)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(rejects);
        var ingestDate = LakeLayout.IngestDateOf(key);
        if (metadata is null)
        {
            return new RawChartObject(key, ingestDate, null, body);
        }

        void Reject(string reason, string detail) =>
            rejects.Add(new QuarantineRecord(DailyBarSilverFunction.TableName, symbol.Value, key, null, null, reason, detail));

        var metadataKey = LakeLayout.RawMetadata(key);
        RawObjectMetadata parsed;
        try
        {
            parsed = RawObjectMetadata.FromJson(metadata, metadataKey);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or NotSupportedException)
        {
            Reject(RejectReason.InvalidMetadata, $"The metadata '{metadataKey}' cannot be read ({metadata.Length} bytes): {e.Message}");
            return null;
        }

        if (string.IsNullOrEmpty(parsed.Source) || string.IsNullOrEmpty(parsed.Sha256) || parsed.Sha256.Length != 2 * SHA256.HashSizeInBytes)
        {
            Reject(RejectReason.InvalidMetadata, $"The metadata '{metadataKey}' lacks its source or a SHA-256 of 64 hex digits.");
            return null;
        }

        if (parsed.Bytes != body.Length)
        {
            Reject(RejectReason.BodyMismatch, string.Create(CultureInfo.InvariantCulture, $"The body is {body.Length} bytes, but its metadata recorded {parsed.Bytes}."));
            return null;
        }

        var actual = Convert.ToHexStringLower(SHA256.HashData(body));
        if (!string.Equals(actual, parsed.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            Reject(RejectReason.BodyMismatch, $"The body's SHA-256 is {actual}, but its metadata recorded {parsed.Sha256}.");
            return null;
        }

        return new RawChartObject(key, ingestDate, parsed, body);
    }
}
