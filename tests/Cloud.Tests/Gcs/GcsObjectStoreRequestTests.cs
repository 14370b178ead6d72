using System.Net;
using System.Text;
using StockLakehouse.Cloud.Auth;
using StockLakehouse.Cloud.Gcs;

namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>What <see cref="GcsObjectStore"/> puts on the wire and how it reads GCS's answers, at the HTTP level.</summary>
public sealed class GcsObjectStoreRequestTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly GcsTestBench _bench = new();

    [Fact]
    public async Task CreateAsync_SendsAMediaUploadWithIfGenerationMatchZero()
    {
        Assert.True(await _bench.Store.CreateAsync("raw/a.json", Bytes("{}"), None));

        var request = Assert.Single(_bench.Server.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/upload/storage/v1/b/lake-bucket/o", request.RawPath);
        Assert.Equal("media", request.QueryValue("uploadType"));
        Assert.Equal("tests/lake/raw/a.json", request.QueryValue("name"));
        Assert.Equal("0", request.QueryValue("ifGenerationMatch"));
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("{}", Encoding.UTF8.GetString(request.Body));
    }

    [Fact]
    public async Task CreateAsync_ObjectExists_MapsTheServers412ToFalseWithoutRetrying()
    {
        _bench.Server.Seed(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/a.json"), Encoding.UTF8.GetBytes("theirs"));

        Assert.False(await _bench.Store.CreateAsync("raw/a.json", Bytes("ours"), None));

        Assert.Single(_bench.Server.Requests);
        Assert.Equal("theirs", Encoding.UTF8.GetString(_bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/a.json"))!));
    }

    [Fact]
    public async Task CreateAsync_ResponseLostAfterTheServerWrote_RetriesAndReportsTheObjectAsCreated()
    {
        _bench.Server.Inject(ServerFault.LoseResponse(r => r.Method == HttpMethod.Post));

        Assert.True(await _bench.Store.CreateAsync("raw/a.json", Bytes("ours"), None));

        // The retry met 412 (the first attempt had landed), then a read showed the object holds our bytes.
        var requests = _bench.Server.Requests;
        Assert.Equal([HttpMethod.Post, HttpMethod.Post, HttpMethod.Get], requests.Select(r => r.Method));
        Assert.Equal("media", requests[2].QueryValue("alt"));
    }

    [Fact]
    public async Task CreateAsync_AnotherWriterCreatedTheObjectBetweenAttempts_ReturnsFalse()
    {
        _bench.Server.Inject(new ServerFault(
            request =>
            {
                // The first attempt fails without writing; meanwhile another writer lands different bytes.
                _bench.Server.Seed(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/a.json"), Encoding.UTF8.GetBytes("theirs"));
                return request.Method == HttpMethod.Post;
            },
            Status: HttpStatusCode.ServiceUnavailable));

        Assert.False(await _bench.Store.CreateAsync("raw/a.json", Bytes("ours"), None));

        Assert.Equal("theirs", Encoding.UTF8.GetString(_bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/a.json"))!));
    }

    [Fact]
    public async Task PutAsync_SendsNoPrecondition()
    {
        _bench.Server.Seed(GcsTestBench.Bucket, GcsTestBench.ObjectName("gold/t/part-0.parquet"), [1, 2, 3]);

        await _bench.Store.PutAsync("gold/t/part-0.parquet", new byte[] { 9 }, None);

        var request = Assert.Single(_bench.Server.Requests);
        Assert.Null(request.QueryValue("ifGenerationMatch"));
        Assert.Equal("application/vnd.apache.parquet", request.ContentType);
        Assert.Equal([9], _bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName("gold/t/part-0.parquet")));
    }

    [Fact]
    public async Task EveryRequest_CarriesABearerTokenFromTheTokenSource()
    {
        await _bench.Store.CreateAsync("raw/a.json", Bytes("x"), None);
        await _bench.Store.PutAsync("raw/b.json", Bytes("y"), None);
        await _bench.Store.ReadAsync("raw/a.json", None);
        await _bench.Store.ExistsAsync("raw/a.json", None);
        await foreach (var _ in _bench.Store.ListAsync("raw/", None))
        {
        }

        var requests = _bench.Server.Requests;
        Assert.Equal(5, requests.Count);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"Bearer token-{i}"), requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task ObjectNames_ArePercentEncodedAsOnePathSegmentAndAsQueryValues()
    {
        const string key = "raw/source=yahoo/EURUSD%3DX b+c.json";
        await _bench.Store.PutAsync(key, Bytes("x"), None);
        await _bench.Store.ReadAsync(key, None);

        var upload = _bench.Server.Requests[0];
        var read = _bench.Server.Requests[1];
        Assert.Contains("name=tests%2Flake%2Fraw%2Fsource%3Dyahoo%2FEURUSD%253DX%20b%2Bc.json", upload.Uri.Query, StringComparison.Ordinal);
        Assert.Equal("/storage/v1/b/lake-bucket/o/tests%2Flake%2Fraw%2Fsource%3Dyahoo%2FEURUSD%253DX%20b%2Bc.json", read.RawPath);
        Assert.Equal("?alt=media", read.Uri.Query);
        Assert.Equal("x", Encoding.UTF8.GetString(_bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName(key))!));
    }

    [Fact]
    public async Task ReadAsync_404_IsNullAnd403_Throws()
    {
        Assert.Null(await _bench.Store.ReadAsync("raw/absent.json", None));

        _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.Forbidden));
        var error = await Assert.ThrowsAsync<GcsException>(() => _bench.Store.ReadAsync("raw/absent.json", None));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Equal("gs://lake-bucket/tests/lake/raw/absent.json", error.ObjectUri);
        Assert.Contains("Injected Forbidden", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExistsAsync_AsksForMetadataOnly()
    {
        _bench.Server.Seed(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/a.json"), new byte[1000]);

        Assert.True(await _bench.Store.ExistsAsync("raw/a.json", None));
        Assert.False(await _bench.Store.ExistsAsync("raw/b.json", None));

        Assert.All(_bench.Server.Requests, r => Assert.Null(r.QueryValue("alt")));
        Assert.All(_bench.Server.Requests, r => Assert.Equal("name", r.QueryValue("fields")));
    }

    [Fact]
    public async Task ListAsync_FollowsNextPageTokensUntilTheLastPage()
    {
        using var bench = new GcsTestBench(o => o with { ListPageSize = 3 });
        for (var i = 0; i < 8; i++)
        {
            bench.Server.Seed(GcsTestBench.Bucket, GcsTestBench.ObjectName($"raw/{i}.json"), new byte[i]);
        }

        var listed = new List<(string Key, long Length)>();
        await foreach (var info in bench.Store.ListAsync("raw/", None))
        {
            listed.Add((info.Key, info.Length));
        }

        Assert.Equal(Enumerable.Range(0, 8).Select(i => ($"raw/{i}.json", (long)i)), listed);
        var requests = bench.Server.Requests;
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal("tests/lake/raw/", r.QueryValue("prefix")));
        Assert.All(requests, r => Assert.Equal("3", r.QueryValue("maxResults")));
        Assert.Null(requests[0].QueryValue("pageToken"));
        Assert.NotNull(requests[1].QueryValue("pageToken"));
        Assert.NotEqual(requests[1].QueryValue("pageToken"), requests[2].QueryValue("pageToken"));
    }

    [Fact]
    public async Task ListAsync_ServerRepeatingItsPageToken_FailsInsteadOfLooping()
    {
        const string page = """{"items":[{"name":"tests/lake/raw/a.json","size":"1"}],"nextPageToken":"same"}""";
        using var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(page) });
        using var http = new HttpClient(handler);
        var store = new GcsObjectStore(_bench.Options, http, new FixedAccessTokenSource("t"), Serilog.Core.Logger.None);

        var error = await Assert.ThrowsAsync<GcsException>(async () =>
        {
            await foreach (var _ in store.ListAsync("raw/", None))
            {
            }
        });

        Assert.Contains("page token", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, handler.Calls);
    }

    [Fact]
    public async Task ListAsync_SkipsFolderPlaceholders()
    {
        _bench.Server.Seed(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/"), []);
        _bench.Server.Seed(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/a.json"), [1]);

        var keys = new List<string>();
        await foreach (var info in _bench.Store.ListAsync("", None))
        {
            keys.Add(info.Key);
        }

        Assert.Equal(["raw/a.json"], keys);
    }

    [Fact]
    public async Task Operations_WithACancelledToken_SendNothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _bench.Store.CreateAsync("raw/a.json", Bytes("x"), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _bench.Store.ExistsAsync("raw/a.json", cancelled.Token));

        Assert.Empty(_bench.Server.Requests);
    }

    public void Dispose() => _bench.Dispose();

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
