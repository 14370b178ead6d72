using StockLakehouse.Core.Lake;

namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>
/// The object-store contract on <see cref="Cloud.Gcs.GcsObjectStore"/> over the request-level fake, which enforces
/// ifGenerationMatch and the multi-chunk resumable protocol the emulator does not: pages of 5 objects and
/// 256 KiB chunks, so large objects go up in several PUTs.
/// </summary>
public sealed class FakeServerObjectStoreContractTests : ObjectStoreContractTests
{
    private readonly GcsTestBench _bench = new();

    protected override IObjectStore Store => _bench.Store;

    [Fact]
    public async Task LargeObjects_GoUpInSeveralChunkPuts()
    {
        await Store.PutAsync("gold/big/part-0.parquet", Pattern(LargeObjectSize, seed: 3), CancellationToken.None);

        var puts = _bench.Server.Requests.Where(r => r.Method == HttpMethod.Put).ToList();
        Assert.Equal(["bytes 0-262143/614400", "bytes 262144-524287/614400", "bytes 524288-614399/614400"], puts.Select(p => p.ContentRange));
    }

    [Fact]
    public async Task Objects_LiveUnderTheLocationPrefix()
    {
        await Store.PutAsync("raw/a.json", Bytes("x"), CancellationToken.None);

        Assert.Equal("x", Text(_bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/a.json"))));
        Assert.Equal("gs://lake-bucket/tests/lake", Store.Location);
        Assert.Null(Store.LocalPath("raw/a.json"));
    }

    protected override void Dispose(bool disposing) => _bench.Dispose();
}
