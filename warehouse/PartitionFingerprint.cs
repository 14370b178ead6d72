using System.Security.Cryptography;

namespace StockLakehouse.Warehouse;

/// <summary>
/// The fingerprint a local load records for a partition: the SHA-256 of its files' bytes, one after the other (its file,
/// then its tail when it has one), in hex. A partition rewritten with the same bytes keeps its fingerprint (it is not
/// merged again); any changed byte changes it. Size and modification time would be cheaper but miss a same-size
/// rewrite within the clock's resolution.
/// </summary>
public static class PartitionFingerprint
{
    public static string Of(IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        foreach (var file in files)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
