using System.Collections.Concurrent;

namespace StockLakehouse.Core.Parquet;

/// <summary>
/// Memory streams that <see cref="ParquetFiles"/> encodes partitions into, kept for the next partition. A partition is
/// a few hundred kilobytes: a new stream per file grew by doubling through large-object-heap arrays, each of them
/// zeroed and later collected in a full collection. At most <see cref="MaxKept"/> streams of at most
/// <see cref="MaxKeptBytes"/> each are kept; larger or surplus ones are left to the collector.
/// </summary>
internal static class EncodingBuffers
{
    private const int MaxKeptBytes = 64 << 20;
    private static readonly int MaxKept = 2 * Environment.ProcessorCount;
    private static readonly ConcurrentBag<MemoryStream> Kept = [];

    /// <summary>An empty stream, kept from an earlier file when there is one.</summary>
    public static MemoryStream Rent()
    {
        if (Kept.TryTake(out var stream))
        {
            stream.SetLength(0);
            return stream;
        }

        return new MemoryStream();
    }

    /// <summary>Gives <paramref name="stream"/> back; its content is dropped when it is next rented.</summary>
    public static void Return(MemoryStream stream)
    {
        if (stream.Capacity <= MaxKeptBytes && Kept.Count < MaxKept)
        {
            Kept.Add(stream);
        }
    }
}
