using System.Text;
using StockLakehouse.Cli.Cloud;
using StockLakehouse.Cloud.Gcs;
using StockLakehouse.Cloud.Tests.Gcs;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Cli.Tests.Cloud;

/// <summary>
/// Deploy's BigQuery load takes gold's knowledge of a partition only where the bucket, here the Cloud Storage emulator
/// through <see cref="GcsObjectStore"/>, holds exactly the local files: the same keys, each with the local file's MD5.
/// </summary>
public sealed class BucketGoldFingerprintsTests : IClassFixture<GcsEmulatorFixture>, IDisposable
{
    private static readonly TableSchema Prices = SchemaCatalog.LoadDefault()[LakeNames.FactStockPrice];
    private readonly TempFolder _local = new();
    private readonly TempFolder _staging = new();
    private readonly LocalDirectoryObjectStore _lake;
    private readonly GcsObjectStore _bucket;

    public BucketGoldFingerprintsTests(GcsEmulatorFixture emulator)
    {
        _lake = new LocalDirectoryObjectStore(_local.Path);
        _bucket = emulator.Store("bucket-gold", _staging.Path);
    }

    public void Dispose()
    {
        _local.Dispose();
        _staging.Dispose();
    }

    private async Task PutAsync(IObjectStore store, string key, string content) =>
        await store.PutAsync(key, Encoding.UTF8.GetBytes(content), CancellationToken.None);

    [Fact]
    public async Task Only_partitions_whose_bucket_files_are_the_local_files_keep_what_gold_knows()
    {
        // AAA: file and tail uploaded as they are. BBB: the bucket's file has other bytes of the same length (rewritten
        // since). CCC: the local tail never reached the bucket. DDD: known, but in neither. EEE: the bucket holds a tail
        // the local lake does not (left by an earlier split).
        foreach (var (symbol, content) in new[] { ("AAA", "aaa"), ("BBB", "bbb"), ("CCC", "ccc"), ("EEE", "eee") })
        {
            await PutAsync(_lake, LakeLayout.Partition(Prices, symbol), content);
            await PutAsync(_bucket, LakeLayout.Partition(Prices, symbol), symbol == "BBB" ? "bBb" : content);
        }

        await PutAsync(_lake, LakeLayout.PartitionTail(Prices, "AAA"), "aaa tail");
        await PutAsync(_bucket, LakeLayout.PartitionTail(Prices, "AAA"), "aaa tail");
        await PutAsync(_lake, LakeLayout.PartitionTail(Prices, "CCC"), "ccc tail");
        await PutAsync(_bucket, LakeLayout.PartitionTail(Prices, "EEE"), "eee tail");
        var gold = new Given(["AAA", "BBB", "CCC", "DDD", "EEE"]);

        var known = await new BucketGoldFingerprints(gold, _lake, _bucket).KnownAsync(Prices, CancellationToken.None);

        Assert.Equal(["AAA"], known.Keys);
        Assert.Equal("gold:AAA", known["AAA"].Fingerprint);
    }

    /// <summary>Gold's knowledge of the local partitions, as given.</summary>
    private sealed class Given(string[] symbols) : IPartitionFingerprintSource
    {
        public Task<IReadOnlyDictionary<string, KnownPartition>> KnownAsync(TableSchema table, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<string, KnownPartition>>(symbols.ToDictionary(s => s, s => new KnownPartition("gold:" + s), StringComparer.Ordinal));
    }
}
