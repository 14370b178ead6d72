using System.Net;
using System.Text;
using Google;

namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>
/// The requests <see cref="Cloud.Gcs.GcsObjectStore"/> makes through Google.Cloud.Storage.V1, against the fake that
/// answers as the JSON API documents: which write carries which generation precondition, how a 412 is read, and
/// what the library sends for reads and listings.
/// </summary>
public sealed class GcsObjectStoreRequestTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly GcsTestBench _bench = new();

    [Fact]
    public async Task CreateAsync_OpensTheSessionWithIfGenerationMatchZero()
    {
        Assert.True(await _bench.Store.CreateAsync("raw/a.json", Bytes("{}"), None));

        var open = Assert.Single(_bench.Server.Requests, r => r.Method == HttpMethod.Post);
        Assert.Equal("/upload/storage/v1/b/lake-bucket/o", open.RawPath);
        Assert.Equal("resumable", open.QueryValue("uploadType"));
        Assert.Equal("0", open.QueryValue("ifGenerationMatch"));
        Assert.Contains("\"tests/lake/raw/a.json\"", Encoding.UTF8.GetString(open.Content), StringComparison.Ordinal);
        Assert.Equal("{}", Encoding.UTF8.GetString(_bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/a.json"))!));
    }

    [Fact]
    public async Task CreateAsync_ObjectExists_Reads412AsFalseBeforeAnyByteIsSentAndDoesNotRetry()
    {
        _bench.Server.Seed(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/a.json"), Bytes("theirs").ToArray());

        Assert.False(await _bench.Store.CreateAsync("raw/a.json", Bytes("ours"), None));

        Assert.Single(_bench.Server.Requests);
        Assert.Equal("theirs", Encoding.UTF8.GetString(_bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/a.json"))!));
    }

    [Fact]
    public async Task ReplaceAsync_SendsTheGenerationItWasGiven()
    {
        await _bench.Store.PutAsync("_state/watermarks/a.json", Bytes("one"), None);
        var read = await _bench.Store.ReadVersionedAsync("_state/watermarks/a.json", None);

        Assert.True(await _bench.Store.ReplaceAsync("_state/watermarks/a.json", Bytes("two"), read!.Version, None));

        var open = _bench.Server.Requests.Last(r => r.Method == HttpMethod.Post);
        Assert.Equal(read.Version, open.QueryValue("ifGenerationMatch"));
    }

    [Fact]
    public async Task ReplaceAsync_StaleGeneration_Is412AndFalseWithOneRequest()
    {
        await _bench.Store.PutAsync("_state/watermarks/a.json", Bytes("one"), None);
        var read = await _bench.Store.ReadVersionedAsync("_state/watermarks/a.json", None);
        await _bench.Store.PutAsync("_state/watermarks/a.json", Bytes("newer"), None);
        var before = _bench.Server.Requests.Count;

        Assert.False(await _bench.Store.ReplaceAsync("_state/watermarks/a.json", Bytes("stale"), read!.Version, None));

        Assert.Equal(before + 1, _bench.Server.Requests.Count);
        Assert.Equal("newer", Encoding.UTF8.GetString(_bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName("_state/watermarks/a.json"))!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("not-a-generation")]
    public async Task ReplaceAsync_VersionThatIsNotAGeneration_Throws(string version) =>
        await Assert.ThrowsAsync<ArgumentException>(() => _bench.Store.ReplaceAsync("_state/watermarks/a.json", Bytes("x"), version, None));

    [Fact]
    public async Task PutAsync_SendsNoPrecondition()
    {
        await _bench.Store.PutAsync("_runs/r1/manifest.json", Bytes("{}"), None);

        var open = Assert.Single(_bench.Server.Requests, r => r.Method == HttpMethod.Post);
        Assert.Null(open.QueryValue("ifGenerationMatch"));
    }

    [Fact]
    public async Task UnauthenticatedClient_SendsNoCredentials()
    {
        await _bench.Store.PutAsync("raw/a.json", Bytes("x"), None);
        await _bench.Store.ReadAsync("raw/a.json", None);

        Assert.All(_bench.Server.Requests, r => Assert.Null(r.Authorization));
    }

    [Fact]
    public async Task ReadAsync_404_IsNullAnd403_ThrowsTheLibrarysError()
    {
        Assert.Null(await _bench.Store.ReadAsync("raw/absent.json", None));
        _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.Forbidden));

        var error = await Assert.ThrowsAsync<GoogleApiException>(() => _bench.Store.ReadAsync("raw/a.json", None));

        Assert.Equal(HttpStatusCode.Forbidden, error.HttpStatusCode);
    }

    [Fact]
    public async Task ReadVersionedAsync_TakesTheGenerationFromTheDownloadItself()
    {
        _bench.Server.Seed(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/a.json"), Bytes("x").ToArray());

        var read = await _bench.Store.ReadVersionedAsync("raw/a.json", None);

        var download = Assert.Single(_bench.Server.Requests);
        Assert.Equal("media", download.QueryValue("alt"));
        Assert.Equal("1700000000000000", read!.Version);
    }

    [Fact]
    public async Task ExistsAsync_AsksForMetadataOnly()
    {
        _bench.Server.Seed(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/a.json"), Bytes("x").ToArray());

        Assert.True(await _bench.Store.ExistsAsync("raw/a.json", None));

        var request = Assert.Single(_bench.Server.Requests);
        Assert.Null(request.QueryValue("alt"));
        Assert.Equal("/storage/v1/b/lake-bucket/o/tests%2Flake%2Fraw%2Fa.json", request.RawPath);
    }

    [Fact]
    public async Task ListAsync_FollowsPageTokensAndSkipsFolderPlaceholders()
    {
        _bench.Server.Seed(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/"), []);
        foreach (var i in Enumerable.Range(0, 11))
        {
            _bench.Server.Seed(GcsTestBench.Bucket, GcsTestBench.ObjectName($"raw/k{i:D2}.json"), Bytes("v").ToArray());
        }

        var listed = new List<string>();
        await foreach (var info in _bench.Store.ListAsync("raw/", None))
        {
            listed.Add(info.Key);
        }

        Assert.Equal(Enumerable.Range(0, 11).Select(i => $"raw/k{i:D2}.json"), listed);
        var lists = _bench.Server.Requests;
        Assert.Equal(3, lists.Count);
        Assert.All(lists, r => Assert.Equal("tests/lake/raw/", r.QueryValue("prefix")));
        Assert.Null(lists[0].QueryValue("pageToken"));
        Assert.NotNull(lists[2].QueryValue("pageToken"));
    }

    [Fact]
    public async Task ListAsync_AsksForMd5AndGeneration_FingerprintFollowsTheBytesAndFallsBackToTheGeneration()
    {
        _bench.Server.Seed(GcsTestBench.Bucket, GcsTestBench.ObjectName("gold/a.parquet"), Bytes("same").ToArray());
        _bench.Server.Seed(GcsTestBench.Bucket, GcsTestBench.ObjectName("gold/b.parquet"), Bytes("same").ToArray());
        _bench.Server.Seed(GcsTestBench.Bucket, GcsTestBench.ObjectName("gold/c.parquet"), Bytes("other").ToArray());
        _bench.Server.SeedComposite(GcsTestBench.Bucket, GcsTestBench.ObjectName("gold/d.parquet"), Bytes("composed").ToArray());

        var listed = new Dictionary<string, string?>();
        await foreach (var info in _bench.Store.ListAsync("gold/", None))
        {
            listed[info.Key] = info.Fingerprint;
        }

        // Real GCS returns only the fields asked for; the fake returns all, so the request is what is checked here.
        Assert.All(_bench.Server.Requests, r => Assert.Contains("md5Hash", r.QueryValue("fields"), StringComparison.Ordinal));
        Assert.All(_bench.Server.Requests, r => Assert.Contains("generation", r.QueryValue("fields"), StringComparison.Ordinal));
        Assert.Equal("md5:" + Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(Bytes("same").Span)), listed["gold/a.parquet"]);
        Assert.Equal(listed["gold/a.parquet"], listed["gold/b.parquet"]); // the same bytes under another generation
        Assert.NotEqual(listed["gold/a.parquet"], listed["gold/c.parquet"]);
        Assert.StartsWith("generation:", listed["gold/d.parquet"], StringComparison.Ordinal);
    }

    public void Dispose() => _bench.Dispose();

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
