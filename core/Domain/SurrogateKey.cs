using System.Text;

namespace StockLakehouse.Core.Domain;

/// <summary>
/// Deterministic surrogate keys: FNV-1a 64 of the natural key's parts (UTF-8, unit-separator between parts),
/// with the sign bit cleared so the key is a positive INT64 on every engine. The same natural key gives the
/// same key on every run and every engine, so a partition can be computed without a join.
/// </summary>
public static class SurrogateKey
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static long For(params ReadOnlySpan<string> parts)
    {
        var hash = OffsetBasis;
        Span<byte> buffer = stackalloc byte[256];
        for (var p = 0; p < parts.Length; p++)
        {
            if (p > 0)
            {
                hash = (hash ^ 0x1F) * Prime;
            }

            var part = parts[p];
            var bytes = Encoding.UTF8.GetByteCount(part) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(part, buffer)] : Encoding.UTF8.GetBytes(part);
            foreach (var b in bytes)
            {
                hash = (hash ^ b) * Prime;
            }
        }

        return (long)(hash & 0x7FFF_FFFF_FFFF_FFFFUL);
    }
}
