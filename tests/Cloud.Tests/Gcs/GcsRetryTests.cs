using System.Net;
using System.Text;
using Google;

namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>
/// What Google.Cloud.Storage.V1 5.0.0 retries for <see cref="Cloud.Gcs.GcsObjectStore"/>, and what it does not:
/// metadata reads and listings (idempotent) on 408, 429 and 5xx, at most three attempts; never an upload's session
/// opening, conditional or not, and never a media download; a chunk inside a session only on 5xx (by a status
/// query, see <see cref="GcsResumableUploadTests"/>), not on 429.
/// </summary>
public sealed class GcsRetryTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly GcsTestBench _bench = new();

    public GcsRetryTests()
    {
        _bench.Server.Seed(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/a.json"), Encoding.UTF8.GetBytes("x"));
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task MetadataRead_TransientStatus_IsRetried(HttpStatusCode status)
    {
        _bench.Server.Inject(ServerFault.Respond(status));

        Assert.True(await _bench.Store.ExistsAsync("raw/a.json", None));

        Assert.Equal(2, _bench.Server.Requests.Count);
    }

    [Fact]
    public async Task Listing_ThrottledPage_IsRetried()
    {
        _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.TooManyRequests));

        var listed = new List<string>();
        await foreach (var info in _bench.Store.ListAsync("raw/", None))
        {
            listed.Add(info.Key);
        }

        Assert.Equal(["raw/a.json"], listed);
        Assert.Equal(2, _bench.Server.Requests.Count);
    }

    [Fact]
    public async Task MetadataRead_PersistentlyUnavailable_StopsAfterThreeAttempts()
    {
        foreach (var _ in Enumerable.Range(0, 5))
        {
            _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.ServiceUnavailable));
        }

        var error = await Assert.ThrowsAsync<GoogleApiException>(() => _bench.Store.ExistsAsync("raw/a.json", None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.HttpStatusCode);
        Assert.Equal(3, _bench.Server.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task MetadataRead_PermanentStatus_IsNotRetried(HttpStatusCode status)
    {
        _bench.Server.Inject(ServerFault.Respond(status));

        var error = await Assert.ThrowsAsync<GoogleApiException>(() => _bench.Store.ExistsAsync("raw/a.json", None));

        Assert.Equal(status, error.HttpStatusCode);
        Assert.Single(_bench.Server.Requests);
    }

    [Theory]
    [InlineData("create")]
    [InlineData("put")]
    public async Task Upload_SessionOpeningUnavailable_IsNotRetriedAndWritesNothing(string kind)
    {
        _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.ServiceUnavailable, r => r.Method == HttpMethod.Post));
        var content = Encoding.UTF8.GetBytes("new");

        var error = await Assert.ThrowsAsync<GoogleApiException>(() => kind == "create"
            ? _bench.Store.CreateAsync("raw/b.json", content, None)
            : _bench.Store.PutAsync("raw/b.json", content, None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.HttpStatusCode);
        Assert.Single(_bench.Server.Requests, r => r.Method == HttpMethod.Post);
        Assert.Null(_bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/b.json")));
    }

    [Fact]
    public async Task Upload_ThrottledChunk_IsNotResumed()
    {
        _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.TooManyRequests, r => r.Method == HttpMethod.Put));

        var error = await Assert.ThrowsAsync<GoogleApiException>(() => _bench.Store.PutAsync("raw/b.json", Encoding.UTF8.GetBytes("new"), None));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.HttpStatusCode);
        Assert.Single(_bench.Server.Requests, r => r.Method == HttpMethod.Put);
    }

    [Fact]
    public async Task MediaDownload_Unavailable_IsNotRetried()
    {
        _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.ServiceUnavailable));

        var error = await Assert.ThrowsAsync<GoogleApiException>(() => _bench.Store.ReadAsync("raw/a.json", None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.HttpStatusCode);
        Assert.Single(_bench.Server.Requests);
    }

    public void Dispose() => _bench.Dispose();
}
