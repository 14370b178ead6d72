using System.Net;
using System.Text;
using Google;

namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>
/// What <see cref="Cloud.Gcs.GcsObjectStore"/> retries, at most three attempts on 408, 429, 5xx and broken
/// connections: metadata reads and listings (the library's retries); media downloads; a conditional upload's session
/// opening, with the object read back when a retry is refused with 412; a chunk inside an opened session, whatever the
/// write. Never an unconditional upload's session opening.
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
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task Create_SessionOpeningFailsTransiently_IsRetriedAndCreates(HttpStatusCode status)
    {
        _bench.Server.Inject(ServerFault.Respond(status, r => r.Method == HttpMethod.Post));

        Assert.True(await _bench.Store.CreateAsync("raw/b.json", Encoding.UTF8.GetBytes("new"), None));

        Assert.Equal(2, _bench.Server.Requests.Count(r => r.Method == HttpMethod.Post));
        Assert.All(_bench.Server.Requests.Where(r => r.Method == HttpMethod.Post), r => Assert.Equal("0", r.QueryValue("ifGenerationMatch")));
        Assert.Equal("new"u8.ToArray(), _bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/b.json")));
        Assert.Equal([GcsTestBench.FastRetries.InitialBackoff], _bench.Clock.Waits);
    }

    [Fact]
    public async Task Replace_SessionOpeningBroken_IsRetriedWithTheSameGeneration()
    {
        var read = await _bench.Store.ReadVersionedAsync("raw/a.json", None);
        _bench.Server.Inject(ServerFault.BreakConnection(r => r.Method == HttpMethod.Post));

        Assert.True(await _bench.Store.ReplaceAsync("raw/a.json", Encoding.UTF8.GetBytes("y"), read!.Version, None));

        Assert.Equal([read.Version, read.Version], _bench.Server.Requests.Where(r => r.Method == HttpMethod.Post).Select(r => r.QueryValue("ifGenerationMatch")));
        Assert.Equal("y"u8.ToArray(), _bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/a.json")));
    }

    [Theory]
    [InlineData("new", true)]
    [InlineData("someone else's", false)]
    public async Task Create_AnswerLostThenRefusedOnTheRetry_ReadsTheObjectBackToTellWhoWroteIt(string storedByThen, bool expected)
    {
        // The last chunk writes the object but its answer is lost; GCS has then forgotten the session, so a new one
        // is opened under ifGenerationMatch=0 and refused. Only the object's bytes tell whether the first try wrote it.
        _bench.Server.Inject(ServerFault.LoseResponse(r => r.Method == HttpMethod.Put && r.ContentRange == "bytes 0-2/3"));
        _bench.Server.Inject(new ServerFault(
            r =>
            {
                var matches = r.Method == HttpMethod.Put && r.ContentRange == "bytes */3";
                if (matches && storedByThen != "new")
                {
                    _bench.Server.Seed(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/b.json"), Encoding.UTF8.GetBytes(storedByThen));
                }

                return matches;
            },
            Status: HttpStatusCode.Gone));

        Assert.Equal(expected, await _bench.Store.CreateAsync("raw/b.json", Encoding.UTF8.GetBytes("new"), None));

        Assert.Equal(2, _bench.Server.Requests.Count(r => r.Method == HttpMethod.Post));
        Assert.Equal(Encoding.UTF8.GetBytes(storedByThen), _bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/b.json")));
    }

    [Fact]
    public async Task Create_RefusedOnTheRetryByAnotherWritersObject_IsFalse()
    {
        _bench.Server.Inject(new ServerFault(
            r =>
            {
                var matches = r.Method == HttpMethod.Post;
                if (matches)
                {
                    _bench.Server.Seed(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/b.json"), Encoding.UTF8.GetBytes("theirs"));
                }

                return matches;
            },
            Status: HttpStatusCode.ServiceUnavailable));

        Assert.False(await _bench.Store.CreateAsync("raw/b.json", Encoding.UTF8.GetBytes("ours"), None));

        Assert.Equal("theirs"u8.ToArray(), _bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/b.json")));
    }

    [Fact]
    public async Task Replace_RefusedOnTheRetryWhileHoldingOurBytes_IsTrue()
    {
        var read = await _bench.Store.ReadVersionedAsync("raw/a.json", None);
        _bench.Server.Inject(ServerFault.LoseResponse(r => r.Method == HttpMethod.Put && r.ContentRange == "bytes 0-1/2"));
        _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.NotFound, r => r.Method == HttpMethod.Put && r.ContentRange == "bytes */2"));

        Assert.True(await _bench.Store.ReplaceAsync("raw/a.json", Encoding.UTF8.GetBytes("yz"), read!.Version, None));

        Assert.Equal("yz"u8.ToArray(), _bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/a.json")));
    }

    [Fact]
    public async Task Create_PersistentlyUnavailable_StopsAfterThreeAttemptsWritingNothing()
    {
        foreach (var _ in Enumerable.Range(0, 5))
        {
            _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.ServiceUnavailable, r => r.Method == HttpMethod.Post));
        }

        var error = await Assert.ThrowsAsync<GoogleApiException>(() => _bench.Store.CreateAsync("raw/b.json", Encoding.UTF8.GetBytes("new"), None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.HttpStatusCode);
        Assert.Equal(3, _bench.Server.Requests.Count(r => r.Method == HttpMethod.Post));
        Assert.Equal([TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2)], _bench.Clock.Waits);
        Assert.Null(_bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/b.json")));
    }

    [Fact]
    public async Task Put_SessionOpeningUnavailable_IsNotRetriedAndWritesNothing()
    {
        _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.ServiceUnavailable, r => r.Method == HttpMethod.Post));

        var error = await Assert.ThrowsAsync<GoogleApiException>(() => _bench.Store.PutAsync("raw/b.json", Encoding.UTF8.GetBytes("new"), None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.HttpStatusCode);
        Assert.Single(_bench.Server.Requests, r => r.Method == HttpMethod.Post);
        Assert.Null(_bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/b.json")));
        Assert.Empty(_bench.Clock.Waits);
    }

    [Fact]
    public async Task Put_SessionForgottenOnResume_IsNotStartedAgain()
    {
        _bench.Server.Inject(ServerFault.BreakConnection(r => r.Method == HttpMethod.Put && r.ContentRange == "bytes 0-2/3"));
        _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.Gone, r => r.Method == HttpMethod.Put && r.ContentRange == "bytes */3"));

        var error = await Assert.ThrowsAsync<GoogleApiException>(() => _bench.Store.PutAsync("raw/b.json", Encoding.UTF8.GetBytes("new"), None));

        Assert.Equal(HttpStatusCode.Gone, error.HttpStatusCode);
        Assert.Single(_bench.Server.Requests, r => r.Method == HttpMethod.Post);
        Assert.Null(_bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/b.json")));
    }

    [Theory]
    [InlineData("create")]
    [InlineData("put")]
    public async Task Upload_ThrottledChunk_IsResumedInsideItsSession(string kind)
    {
        _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.TooManyRequests, r => r.Method == HttpMethod.Put));
        var content = Encoding.UTF8.GetBytes("new");

        if (kind == "create")
        {
            Assert.True(await _bench.Store.CreateAsync("raw/b.json", content, None));
        }
        else
        {
            await _bench.Store.PutAsync("raw/b.json", content, None);
        }

        Assert.Single(_bench.Server.Requests, r => r.Method == HttpMethod.Post);
        Assert.Equal(["bytes 0-2/3", "bytes */3", "bytes 0-2/3"], _bench.Server.Requests.Where(r => r.Method == HttpMethod.Put).Select(r => r.ContentRange));
        Assert.Equal(content, _bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/b.json")));
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public async Task MediaDownload_TransientStatus_IsRetried(HttpStatusCode status)
    {
        _bench.Server.Inject(ServerFault.Respond(status));

        Assert.Equal("x"u8.ToArray(), await _bench.Store.ReadAsync("raw/a.json", None));

        Assert.Equal(2, _bench.Server.Requests.Count);
        Assert.Equal([GcsTestBench.FastRetries.InitialBackoff], _bench.Clock.Waits);
    }

    [Fact]
    public async Task MediaDownload_BrokenConnection_IsRetriedForTheVersionedRead()
    {
        _bench.Server.Inject(ServerFault.BreakConnection());

        var read = await _bench.Store.ReadVersionedAsync("raw/a.json", None);

        Assert.Equal("x"u8.ToArray(), read!.Content);
        Assert.Equal(2, _bench.Server.Requests.Count);
    }

    [Fact]
    public async Task MediaDownload_PermanentStatus_IsNotRetried()
    {
        _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.Forbidden));

        var error = await Assert.ThrowsAsync<GoogleApiException>(() => _bench.Store.ReadAsync("raw/a.json", None));

        Assert.Equal(HttpStatusCode.Forbidden, error.HttpStatusCode);
        Assert.Single(_bench.Server.Requests);
    }

    public void Dispose() => _bench.Dispose();
}
