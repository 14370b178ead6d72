using Google.Cloud.Storage.V1;
using StockLakehouse.Cloud.Gcs;
using StockLakehouse.Cloud.Tests.Support;

namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>
/// A <see cref="GcsObjectStore"/> on Google.Cloud.Storage.V1 wired to <see cref="FakeGcsServer"/>: bucket
/// <c>lake-bucket</c>, prefix <c>tests/lake</c>, 256 KiB upload chunks, pages of 5 objects and retry waits of
/// a few milliseconds (the library's back-off shape, shrunk); the store's own retries wait on an
/// <see cref="RecordingClock"/>, which records the waits without sleeping.
/// </summary>
internal sealed class GcsTestBench : IDisposable
{
    public const string Bucket = "lake-bucket";
    public const string Prefix = "tests/lake";

    public static readonly RetryTiming FastRetries = new(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(4), 2.0);

    private readonly TempFolder _staging = new();

    /// <param name="requestTimeout">The HttpClient's own timeout for each request; the library's default when null.</param>
    public GcsTestBench(TimeSpan? requestTimeout = null)
    {
        Options = new GcsObjectStoreOptions(new GcsLocation(Bucket, Prefix))
        {
            UploadChunkSize = UploadObjectOptions.MinimumChunkSize,
            ListPageSize = 5,
            StagingDirectory = _staging.Path,
            RetryTiming = FastRetries,
            Clock = Clock,
        };
        var client = GcsClients.Unauthenticated(FakeGcsServer.Endpoint, new HandlerHttpClientFactory(Server));
        if (requestTimeout is { } timeout)
        {
            client.Service.HttpClient.Timeout = timeout;
        }

        Store = new GcsObjectStore(Options, client, Serilog.Core.Logger.None);
    }

    public FakeGcsServer Server { get; } = new();

    public RecordingClock Clock { get; } = new(Clients.Start);

    public GcsObjectStoreOptions Options { get; }

    public GcsObjectStore Store { get; }

    public static string ObjectName(string key) => $"{Prefix}/{key}";

    public void Dispose()
    {
        Server.Dispose();
        _staging.Dispose();
    }
}
