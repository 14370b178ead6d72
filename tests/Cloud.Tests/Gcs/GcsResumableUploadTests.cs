using System.Net;
using Google;

namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>
/// Uploads larger than a chunk, through the library's resumable session, against the fake that speaks the
/// documented protocol (308 with <c>Range</c> until the last byte): 600 KiB in 256 KiB chunks.
/// </summary>
public sealed class GcsResumableUploadTests : IDisposable
{
    private const int Size = 600 * 1024;
    private const string Key = "gold/fact_stock_price/symbol=MSFT/part-0.parquet";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly GcsTestBench _bench = new();
    private readonly byte[] _content = Pattern(Size);

    [Fact]
    public async Task FailedChunk_IsFollowedByAStatusQueryAndResumedFromWhatWasPersisted()
    {
        _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.ServiceUnavailable, r => r.ContentRange == "bytes 262144-524287/614400"));

        await _bench.Store.PutAsync(Key, _content, None);

        Assert.Equal(
            ["bytes 0-262143/614400", "bytes 262144-524287/614400", "bytes */614400", "bytes 262144-524287/614400", "bytes 524288-614399/614400"],
            Puts());
        Assert.Equal(_content, Stored());
    }

    [Fact]
    public async Task LostResponseToAMiddleChunk_ResumesAfterTheBytesTheServerKept()
    {
        _bench.Server.Inject(ServerFault.LoseResponse(r => r.ContentRange == "bytes 262144-524287/614400"));

        await _bench.Store.PutAsync(Key, _content, None);

        Assert.Equal(["bytes 0-262143/614400", "bytes 262144-524287/614400", "bytes */614400", "bytes 524288-614399/614400"], Puts());
        Assert.Equal(_content, Stored());
    }

    [Fact]
    public async Task MiddleChunkTimingOut_ResumesTheSessionInsteadOfFailingTheUpload()
    {
        using var bench = new GcsTestBench(requestTimeout: TimeSpan.FromMilliseconds(500));
        bench.Server.Inject(ServerFault.TimeOut(r => r.ContentRange == "bytes 262144-524287/614400"));

        await bench.Store.PutAsync(Key, _content, None);

        Assert.Equal(["bytes 0-262143/614400", "bytes 262144-524287/614400", "bytes */614400", "bytes 524288-614399/614400"], Puts(bench));
        Assert.Equal(_content, Stored(bench));
    }

    [Fact]
    public async Task CreateOnly_LostResponseToTheLastChunk_IsSettledByTheStatusQueryAsCreated()
    {
        _bench.Server.Inject(ServerFault.LoseResponse(r => r.ContentRange == "bytes 524288-614399/614400"));

        Assert.True(await _bench.Store.CreateAsync(Key, _content, None));

        Assert.Equal("bytes */614400", Puts()[^1]);
        Assert.Equal(_content, Stored());
    }

    [Fact]
    public async Task ServerKeepingPartOfAChunk_GetsTheRestResent()
    {
        _bench.Server.ChunkPersistLimit = 100_000;

        await _bench.Store.PutAsync(Key, _content, None);

        Assert.Equal("bytes 100000-362143/614400", Puts()[1]);
        Assert.Equal(_content, Stored());
    }

    [Fact]
    public async Task CreateOnly_ObjectCreatedByAnotherWriterDuringTheUpload_IsRefusedAtTheLastChunk()
    {
        _bench.Server.Inject(new ServerFault(
            r =>
            {
                if (r.ContentRange == "bytes 524288-614399/614400")
                {
                    _bench.Server.Seed(GcsTestBench.Bucket, GcsTestBench.ObjectName(Key), [1, 2, 3]);
                }

                return false;
            }));

        Assert.False(await _bench.Store.CreateAsync(Key, _content, None));

        Assert.Equal([1, 2, 3], Stored());
    }

    [Fact]
    public async Task PublishFileAsync_StreamsALargeFileInChunksAndDeletesIt()
    {
        var staged = _bench.Store.StagingPath(Key);
        await File.WriteAllBytesAsync(staged, _content);

        await _bench.Store.PublishFileAsync(Key, staged, None);

        Assert.Equal(3, Puts().Count);
        Assert.Equal(_content, Stored());
        Assert.False(File.Exists(staged));
    }

    [Fact]
    public async Task FailedPublish_KeepsTheStagedFile()
    {
        var staged = _bench.Store.StagingPath(Key);
        await File.WriteAllBytesAsync(staged, _content);
        _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.Forbidden, r => r.Method == HttpMethod.Post));

        await Assert.ThrowsAsync<GoogleApiException>(() => _bench.Store.PublishFileAsync(Key, staged, None));

        Assert.True(File.Exists(staged));
        Assert.Null(Stored());
    }

    public void Dispose() => _bench.Dispose();

    private static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        new Random(5).NextBytes(bytes);
        return bytes;
    }

    private static List<string?> Puts(GcsTestBench bench) => bench.Server.Requests.Where(r => r.Method == HttpMethod.Put).Select(r => r.ContentRange).ToList();

    private static byte[]? Stored(GcsTestBench bench) => bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName(Key));

    private List<string?> Puts() => Puts(_bench);

    private byte[]? Stored() => Stored(_bench);
}
