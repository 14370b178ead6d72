using System.Text;

namespace StockLakehouse.Extractor.Sources.Simulated;

/// <summary>
/// 64-bit FNV-1a over UTF-8 bytes. <see cref="string.GetHashCode()"/> is randomised per process, so a stable
/// hash of our own is what ties a symbol's simulated history to its text across runs and machines.
/// </summary>
internal static class Fnv1a64
{
    internal const ulong OffsetBasis = 14695981039346656037UL;
    internal const ulong Prime = 1099511628211UL;

    public static ulong Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var byteCount = Encoding.UTF8.GetByteCount(text);
        var bytes = byteCount <= 256 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(text, bytes);
        return Hash(bytes);
    }

    public static ulong Hash(ReadOnlySpan<byte> bytes)
    {
        var hash = OffsetBasis;
        foreach (var b in bytes)
        {
            hash ^= b;
            hash *= Prime;
        }

        return hash;
    }
}
