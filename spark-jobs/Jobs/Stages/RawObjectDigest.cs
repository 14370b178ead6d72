using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using StockLakehouse.Core.Lake;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// A symbol's raw bodies as silver last read them, in constant space however many days have landed: how many, the
/// newest ingest date, and a SHA-256 over each body's key, size and metadata size in key order. Raw objects are only
/// ever added, so the bodies of a later run that fall on or before <see cref="LastIngest"/> must give the same digest,
/// and the rest are what arrived since.
/// </summary>
public sealed record RawObjectDigest(int Count, DateOnly LastIngest, string Sha256)
{
    public static RawObjectDigest Of(IEnumerable<RawObjectEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var sorted = entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToArray();
        var text = new StringBuilder();
        foreach (var entry in sorted)
        {
            text.Append(entry.Key).Append('\t').Append(entry.Bytes.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(entry.MetadataBytes?.ToString(CultureInfo.InvariantCulture) ?? "-").Append('\n');
        }

        return new RawObjectDigest(
            sorted.Length,
            sorted.Length == 0 ? DateOnly.MinValue : sorted.Max(e => LakeLayout.IngestDateOf(e.Key)),
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))));
    }
}
