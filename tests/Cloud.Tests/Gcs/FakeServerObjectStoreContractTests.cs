using StockLakehouse.Cloud.Auth;
using StockLakehouse.Cloud.Gcs;
using StockLakehouse.Core.Lake;

namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>
/// The object-store contract on <see cref="GcsObjectStore"/> over the request-level fake, which enforces
/// ifGenerationMatch and the multi-chunk resumable protocol the emulator does not: pages of 5 objects and
/// 256 KiB chunks, so large objects go up in several PUTs.
/// </summary>
public sealed class FakeServerObjectStoreContractTests : ObjectStoreContractTests
{
    private readonly FakeGcsServer _server = new();
    private readonly HttpClient _http;
    private readonly string _staging = Path.Combine(Path.GetTempPath(), $"stocklakehouse-gcs-staging-{Guid.NewGuid():N}");
    private readonly GcsObjectStore _store;

    public FakeServerObjectStoreContractTests()
    {
        _http = new HttpClient(_server);
        var options = new GcsObjectStoreOptions(new GcsLocation("lake-bucket", "tests/lake"))
        {
            Endpoint = FakeGcsServer.Endpoint,
            ListPageSize = 5,
            ResumableThreshold = 256 * 1024,
            ResumableChunkSize = 256 * 1024,
            StagingDirectory = _staging,
        };
        _store = new GcsObjectStore(options, _http, new FixedAccessTokenSource("test-token"), Serilog.Core.Logger.None);
    }

    protected override IObjectStore Store => _store;

    [Fact]
    public async Task LargeObjects_GoUpInSeveralChunkPuts()
    {
        await Store.PutAsync("gold/big/part-0.parquet", Pattern(LargeObjectSize, seed: 3), CancellationToken.None);

        var puts = _server.Requests.Where(r => r.Method == HttpMethod.Put).ToList();
        Assert.Equal(3, puts.Count);
        Assert.Equal(["bytes 0-262143/614400", "bytes 262144-524287/614400", "bytes 524288-614399/614400"], puts.Select(p => p.ContentRange));
    }

    [Fact]
    public async Task Objects_LiveUnderTheLocationPrefix()
    {
        await Store.PutAsync("raw/a.json", Bytes("x"), CancellationToken.None);

        Assert.Equal("x", Text(_server.Content("lake-bucket", "tests/lake/raw/a.json")));
        Assert.Equal("gs://lake-bucket/tests/lake", Store.Location);
        Assert.Null(Store.LocalPath("raw/a.json"));
    }

    protected override void Dispose(bool disposing)
    {
        _http.Dispose();
        _server.Dispose();
        if (Directory.Exists(_staging))
        {
            Directory.Delete(_staging, recursive: true);
        }
    }
}
