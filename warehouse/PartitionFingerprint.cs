using System.Security.Cryptography;

namespace StockLakehouse.Warehouse;

/// <summary>
/// The fingerprint a local load records for a partition file: the SHA-256 of its bytes, in hex. A file rewritten with
/// the same bytes keeps its fingerprint (its partition is not merged again); any changed byte changes it. Size and
/// modification time would be cheaper but miss a same-size rewrite within the clock's resolution.
/// </summary>
public static class PartitionFingerprint
{
    public static string Of(string file)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
