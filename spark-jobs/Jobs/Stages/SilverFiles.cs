using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// The files of a symbol's silver partition as the store listed them: its base file and, when it has one, its tail
/// (<see cref="LakeLayout.TailFileName"/>, the rows from a date on). Equal listings mean the partition was not written
/// since: each file's listing carries its size and fingerprint.
/// </summary>
public sealed record SilverFiles(ObjectInfo Partition, ObjectInfo? Tail)
{
    /// <summary>The files of <paramref name="symbol"/>'s partition in <paramref name="listing"/> (key → file), or null when it has no base file.</summary>
    public static SilverFiles? Listed(TableSchema table, string symbol, IReadOnlyDictionary<string, ObjectInfo> listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return listing.TryGetValue(LakeLayout.Partition(table, symbol), out var partition)
            ? new SilverFiles(partition, listing.GetValueOrDefault(LakeLayout.PartitionTail(table, symbol)))
            : null;
    }
}
