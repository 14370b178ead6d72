using System.Text;
using StockLakehouse.Cloud.Gcs;

namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>
/// What travels between <see cref="GcsObjectStore"/> (through Google.Cloud.Storage.V1) and the firebase-tools
/// emulator: that listing really pages, that an upload is one resumable session, and the precondition the
/// emulator does not enforce.
/// </summary>
[Collection(GcsEmulatorCollection.Name)]
public sealed class EmulatorProtocolTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly RecordingHandler _recorder = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private readonly GcsObjectStore _store;

    public EmulatorProtocolTests(GcsEmulatorFixture emulator)
    {
        var options = new GcsObjectStoreOptions(new GcsLocation("stocklakehouse-test", $"protocol-{Guid.NewGuid():N}"))
        {
            ListPageSize = 5,
            UploadChunkSize = 1024 * 1024,
        };
        _store = new GcsObjectStore(options, GcsClients.Unauthenticated(emulator.Endpoint, new HandlerHttpClientFactory(_recorder)), Serilog.Core.Logger.None);
    }

    [Fact]
    public async Task ListAsync_FollowsTheEmulatorsPageTokens()
    {
        var keys = Enumerable.Range(0, 12).Select(i => $"raw/k{i:D2}.json").ToList();
        foreach (var key in keys)
        {
            await _store.PutAsync(key, Encoding.UTF8.GetBytes(key), None);
        }

        var listed = new List<string>();
        await foreach (var info in _store.ListAsync("raw/", None))
        {
            listed.Add(info.Key);
        }

        Assert.Equal(keys, listed);
        var lists = _recorder.Requests.Where(r => r.Method == HttpMethod.Get).ToList();
        Assert.Equal(3, lists.Count);
        Assert.DoesNotContain("pageToken=", lists[0].Uri.Query, StringComparison.Ordinal);
        Assert.Contains("pageToken=", lists[1].Uri.Query, StringComparison.Ordinal);
        Assert.Contains("pageToken=", lists[2].Uri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LargeObject_IsUploadedThroughAResumableSession()
    {
        var content = new byte[300 * 1024];
        new Random(9).NextBytes(content);

        await _store.PutAsync("gold/t/part-0.parquet", content, None);

        Assert.Equal(content, await _store.ReadAsync("gold/t/part-0.parquet", None));
        var uploads = _recorder.Requests.Where(r => r.Method != HttpMethod.Get).ToList();
        Assert.Equal(2, uploads.Count);
        Assert.Equal(HttpMethod.Post, uploads[0].Method);
        Assert.Contains("uploadType=resumable", uploads[0].Uri.Query, StringComparison.Ordinal);
        Assert.Equal(HttpMethod.Put, uploads[1].Method);
        Assert.Contains("upload_id=", uploads[1].Uri.Query, StringComparison.Ordinal);
    }

    /// <summary>
    /// A canary: the emulator accepts a second create. When a firebase-tools release starts enforcing
    /// ifGenerationMatch this fails, and the skipped create-only contract test can run on the emulator too.
    /// </summary>
    [Fact]
    public async Task Emulator_IgnoresIfGenerationMatch()
    {
        Assert.True(await _store.CreateAsync("raw/a.json", Encoding.UTF8.GetBytes("first"), None));

        Assert.True(await _store.CreateAsync("raw/a.json", Encoding.UTF8.GetBytes("second"), None));

        Assert.Contains("ifGenerationMatch=0", _recorder.Requests.Last(r => r.Method == HttpMethod.Post).Uri.Query, StringComparison.Ordinal);
        Assert.Equal("second", Encoding.UTF8.GetString((await _store.ReadAsync("raw/a.json", None))!));
    }

    public void Dispose() => _recorder.Dispose();
}
