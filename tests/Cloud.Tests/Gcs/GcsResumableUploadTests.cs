using System.Net;
using System.Text.Json;
using StockLakehouse.Cloud.Gcs;

namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>
/// The resumable upload protocol against the request-level fake: objects above a 256 KiB threshold go up in
/// 256 KiB chunks (so 600 KiB takes three PUTs), with recovery from failed, partial and lost chunk PUTs.
/// </summary>
public sealed class GcsResumableUploadTests : IDisposable
{
    private const int Chunk = 256 * 1024;
    private const int Total = 600 * 1024;
    private const string Key = "gold/fact_stock_price/symbol=AAPL/part-0.parquet";
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly GcsTestBench _bench = new(o => o with { ResumableThreshold = Chunk, ResumableChunkSize = Chunk });
    private readonly byte[] _content = new byte[Total];

    public GcsResumableUploadTests()
    {
        new Random(5).NextBytes(_content);
    }

    private List<RecordedRequest> Puts => [.. _bench.Server.Requests.Where(r => r.Method == HttpMethod.Put)];

    [Fact]
    public async Task Session_IsOpenedWithTheObjectsNameTypeAndLength()
    {
        await _bench.Store.PutAsync(Key, _content, None);

        var start = _bench.Server.Requests[0];
        Assert.Equal(HttpMethod.Post, start.Method);
        Assert.Equal("/upload/storage/v1/b/lake-bucket/o", start.RawPath);
        Assert.Equal("resumable", start.QueryValue("uploadType"));
        Assert.Equal(GcsTestBench.ObjectName(Key), start.QueryValue("name"));
        Assert.Null(start.QueryValue("ifGenerationMatch"));
        Assert.Equal("614400", start.Headers["X-Upload-Content-Length"]);
        Assert.Equal("application/vnd.apache.parquet", start.Headers["X-Upload-Content-Type"]);
        Assert.StartsWith("application/json", start.ContentType, StringComparison.Ordinal);
        using var metadata = JsonDocument.Parse(start.Body);
        Assert.Equal(GcsTestBench.ObjectName(Key), metadata.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Chunks_ArePutToTheSessionUriWithContentRangesThatCoverTheObjectOnce()
    {
        await _bench.Store.PutAsync(Key, _content, None);

        Assert.Equal(["bytes 0-262143/614400", "bytes 262144-524287/614400", "bytes 524288-614399/614400"], Puts.Select(p => p.ContentRange));
        Assert.All(Puts, p => Assert.NotNull(p.QueryValue("upload_id")));
        Assert.All(Puts, p => Assert.StartsWith("Bearer token-", p.Authorization, StringComparison.Ordinal));
        Assert.Equal(_content, _bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName(Key)));
    }

    [Fact]
    public async Task AtTheThreshold_OneRequestSuffices()
    {
        await _bench.Store.PutAsync(Key, _content.AsMemory(0, Chunk), None);

        var request = Assert.Single(_bench.Server.Requests);
        Assert.Equal("media", request.QueryValue("uploadType"));
    }

    [Fact]
    public async Task FailedChunk_IsFollowedByAStatusQueryAndResumedFromWhatWasPersisted()
    {
        _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.ServiceUnavailable, r => r.ContentRange == "bytes 262144-524287/614400"));

        await _bench.Store.PutAsync(Key, _content, None);

        Assert.Equal(
            ["bytes 0-262143/614400", "bytes 262144-524287/614400", "bytes */614400", "bytes 262144-524287/614400", "bytes 524288-614399/614400"],
            Puts.Select(p => p.ContentRange));
        Assert.Empty(Puts[2].Body);
        Assert.Single(_bench.Clock.Delays);
        Assert.Equal(_content, _bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName(Key)));
    }

    [Fact]
    public async Task LostResponseToAMiddleChunk_ResumesAfterTheBytesTheServerKept()
    {
        _bench.Server.Inject(ServerFault.LoseResponse(r => r.ContentRange == "bytes 262144-524287/614400"));

        await _bench.Store.PutAsync(Key, _content, None);

        Assert.Equal(
            ["bytes 0-262143/614400", "bytes 262144-524287/614400", "bytes */614400", "bytes 524288-614399/614400"],
            Puts.Select(p => p.ContentRange));
        Assert.Equal(_content, _bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName(Key)));
    }

    [Fact]
    public async Task LostResponseToTheLastChunk_IsSettledByTheStatusQuery()
    {
        _bench.Server.Inject(ServerFault.LoseResponse(r => r.ContentRange == "bytes 524288-614399/614400"));

        await _bench.Store.PutAsync(Key, _content, None);

        Assert.Equal("bytes */614400", Puts[^1].ContentRange);
        Assert.Equal(4, Puts.Count);
        Assert.Equal(_content, _bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName(Key)));
    }

    [Fact]
    public async Task ServerKeepingPartOfAChunk_GetsTheRestResent()
    {
        _bench.Server.ChunkPersistLimit = 128 * 1024;

        await _bench.Store.PutAsync(Key, _content, None);

        // Each 308 says how far the server got; the next PUT starts there.
        Assert.Equal(
            ["bytes 0-262143/614400", "bytes 131072-393215/614400", "bytes 262144-524287/614400", "bytes 393216-614399/614400"],
            Puts.Select(p => p.ContentRange));
        Assert.Equal(_content, _bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName(Key)));
    }

    [Fact]
    public async Task PublishFileAsync_UploadsALargeFileInChunksAndDeletesIt()
    {
        var staged = _bench.Store.StagingPath(Key);
        await File.WriteAllBytesAsync(staged, _content);

        await _bench.Store.PublishFileAsync(Key, staged, None);

        Assert.Equal(3, Puts.Count);
        Assert.Equal(_content, _bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName(Key)));
        Assert.False(File.Exists(staged));
    }

    [Fact]
    public async Task FailedPublish_KeepsTheStagedFile()
    {
        _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.Forbidden, r => r.Method == HttpMethod.Put));
        var staged = _bench.Store.StagingPath(Key);
        await File.WriteAllBytesAsync(staged, _content);

        await Assert.ThrowsAsync<GcsException>(() => _bench.Store.PublishFileAsync(Key, staged, None));

        Assert.True(File.Exists(staged));
    }

    [Fact]
    public async Task CreateOnly_SendsTheConditionWhenOpeningTheSession()
    {
        Assert.True(await _bench.Store.CreateAsync(Key, _content, None));

        Assert.Equal("0", _bench.Server.Requests[0].QueryValue("ifGenerationMatch"));
        Assert.Equal(_content, _bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName(Key)));
    }

    [Fact]
    public async Task CreateOnly_ExistingObject_IsRefusedBeforeAnyByteIsSent()
    {
        _bench.Server.Seed(GcsTestBench.Bucket, GcsTestBench.ObjectName(Key), [1]);

        Assert.False(await _bench.Store.CreateAsync(Key, _content, None));

        Assert.Empty(Puts);
        Assert.Equal([1], _bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName(Key)));
    }

    [Fact]
    public async Task CreateOnly_ObjectCreatedByAnotherWriterDuringTheUpload_IsRefusedAtTheLastChunk()
    {
        var seeded = false;
        _bench.Server.Inject(new ServerFault(request =>
        {
            if (request.Method == HttpMethod.Put && !seeded)
            {
                seeded = true;
                _bench.Server.Seed(GcsTestBench.Bucket, GcsTestBench.ObjectName(Key), [7]);
            }

            return false;
        }));

        Assert.False(await _bench.Store.CreateAsync(Key, _content, None));

        Assert.Equal([7], _bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName(Key)));
    }

    [Fact]
    public async Task ExpiredSession_FailsWithAMessageSayingSo()
    {
        _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.NotFound, r => r.Method == HttpMethod.Put));

        var error = await Assert.ThrowsAsync<GcsException>(() => _bench.Store.PutAsync(Key, _content, None));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerFinalizingBeforeTheLastByte_IsAnError()
    {
        // What the firebase-tools emulator does with a first chunk: it finalizes the object there.
        _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.OK, r => r.Method == HttpMethod.Put));

        var error = await Assert.ThrowsAsync<GcsException>(() => _bench.Store.PutAsync(Key, _content, None));

        Assert.Contains("incomplete", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersistentChunkFailures_StopAfterMaxAttempts()
    {
        for (var i = 0; i < 20; i++)
        {
            _bench.Server.Inject(ServerFault.BreakConnection(r => r.Method == HttpMethod.Put));
        }

        var error = await Assert.ThrowsAsync<GcsException>(() => _bench.Store.PutAsync(Key, _content, None));

        Assert.True(error.IsTransient);
        Assert.Equal(4, Puts.Count);
        Assert.Equal(3, _bench.Clock.Delays.Count);
    }

    [Fact]
    public async Task ServerAcceptingNoBytes_EndsTheUploadAfterMaxAttempts()
    {
        for (var i = 0; i < 20; i++)
        {
            _bench.Server.Inject(ServerFault.Respond((HttpStatusCode)308, r => r.Method == HttpMethod.Put));
        }

        var error = await Assert.ThrowsAsync<GcsException>(() => _bench.Store.PutAsync(Key, _content, None));

        Assert.Contains("at byte 0 of 614400", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, Puts.Count);
        Assert.All(Puts, p => Assert.Equal("bytes 0-262143/614400", p.ContentRange));
        Assert.Equal(3, _bench.Clock.Delays.Count);
    }

    [Fact]
    public async Task ThrottledChunk_WaitsTheRetryAfter()
    {
        _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.TooManyRequests, r => r.Method == HttpMethod.Put, TimeSpan.FromSeconds(3)));

        await _bench.Store.PutAsync(Key, _content, None);

        Assert.Equal([TimeSpan.FromSeconds(3)], _bench.Clock.Delays);
        Assert.Equal(_content, _bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName(Key)));
    }

    public void Dispose() => _bench.Dispose();
}
