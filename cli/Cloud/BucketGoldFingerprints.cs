using System.Security.Cryptography;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Cli.Cloud;

/// <summary>
/// What gold knows of its partitions in the local lake (<paramref name="local"/>, its states), given for the bucket deploy
/// uploaded them to only where the bucket holds exactly those files: the same keys, each with the MD5 the bucket lists
/// equal to the local file's. A partition the bucket holds otherwise — rewritten by the Spark batches, which rebuild gold
/// whole and record no change, uploaded in part, or changed by anyone since — gets nothing, and BigQuery's load takes
/// its MD5s and merges it whole, as it does without this.
/// </summary>
internal sealed class BucketGoldFingerprints(IPartitionFingerprintSource local, LocalDirectoryObjectStore lake, IObjectStore bucket) : IPartitionFingerprintSource
{
    public async Task<IReadOnlyDictionary<string, KnownPartition>> KnownAsync(TableSchema table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var known = await local.KnownAsync(table, cancellationToken).ConfigureAwait(false);
        if (known.Count == 0)
        {
            return known;
        }

        var inLake = await FilesAsync(lake, table, cancellationToken).ConfigureAwait(false);
        var inBucket = await FilesAsync(bucket, table, cancellationToken).ConfigureAwait(false);
        var same = new System.Collections.Concurrent.ConcurrentDictionary<string, KnownPartition>(StringComparer.Ordinal);
        // Sizes first, then the MD5 of each local file (read in parallel: a 5,000-symbol lake holds gigabytes of gold).
        Parallel.ForEach(known, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, pair =>
        {
            if (inLake.TryGetValue(pair.Key, out var localFiles)
                && inBucket.TryGetValue(pair.Key, out var bucketFiles)
                && localFiles.Count == bucketFiles.Count
                && localFiles.All(local => bucketFiles.TryGetValue(local.Key, out var listed) && listed.Length == local.Value.Length && listed.Fingerprint is not null)
                && localFiles.Keys.All(key => string.Equals(bucketFiles[key].Fingerprint, Md5Of(lake.LocalPath(key)!), StringComparison.Ordinal)))
            {
                same[pair.Key] = pair.Value;
            }
        });
        return same;
    }

    /// <summary>The table's partition files in <paramref name="store"/> as listed, by partition value and key.</summary>
    private static async Task<Dictionary<string, Dictionary<string, ObjectInfo>>> FilesAsync(IObjectStore store, TableSchema table, CancellationToken cancellationToken) =>
        (await PartitionFiles.ListAsync(store, table, cancellationToken).ConfigureAwait(false))
            .ToDictionary(p => p.Key, p => p.Value.ToDictionary(f => f.Key, StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>A local file's MD5 as a bucket's listing gives it (<c>md5:</c> and the base64 digest).</summary>
    private static string Md5Of(string path)
    {
        using var file = File.OpenRead(path);
        return "md5:" + Convert.ToBase64String(MD5.HashData(file));
    }
}
