using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using StockLakehouse.Core.Lake;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// A set of raw bodies as silver last read them, in constant space however many days have landed: how many, the
/// newest ingest date, and the exclusive-or of one SHA-256 per body over its key, size and metadata size. Raw objects
/// are only ever added, so the bodies of a later run that fall on or before <see cref="LastIngest"/> must give the same
/// digest, and the rest are what arrived since; and since the hash of a set is that of its parts combined, the digest
/// of the bodies with those added is <see cref="Plus"/> of the kept digest, without listing the kept bodies again
/// (<see cref="RawListing"/>).
/// </summary>
public sealed record RawObjectDigest(int Count, DateOnly LastIngest, string Hash)
{
    /// <summary>The digest of no bodies.</summary>
    public static RawObjectDigest Empty { get; } = new(0, DateOnly.MinValue, Convert.ToHexStringLower(new byte[SHA256.HashSizeInBytes]));

    public static RawObjectDigest Of(IEnumerable<RawObjectEntry> entries) => Empty.Plus(entries);

    /// <summary>This digest with <paramref name="entries"/> added (bodies it does not already hold).</summary>
    public RawObjectDigest Plus(IEnumerable<RawObjectEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var hash = Convert.FromHexString(Hash);
        if (hash.Length != SHA256.HashSizeInBytes)
        {
            throw new FormatException($"A raw object digest's hash is {SHA256.HashSizeInBytes} bytes, not {hash.Length}.");
        }

        Span<byte> one = stackalloc byte[SHA256.HashSizeInBytes];
        var (count, last) = (Count, LastIngest);
        foreach (var entry in entries)
        {
            var line = $"{entry.Key}\t{entry.Bytes.ToString(CultureInfo.InvariantCulture)}\t{entry.MetadataBytes?.ToString(CultureInfo.InvariantCulture) ?? "-"}\n";
            SHA256.HashData(Encoding.UTF8.GetBytes(line), one);
            for (var i = 0; i < one.Length; i++)
            {
                hash[i] ^= one[i];
            }

            count++;
            var ingest = LakeLayout.IngestDateOf(entry.Key);
            last = ingest > last ? ingest : last;
        }

        return new RawObjectDigest(count, last, Convert.ToHexStringLower(hash));
    }
}
