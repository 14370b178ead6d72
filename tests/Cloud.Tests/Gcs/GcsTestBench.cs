using Serilog;
using StockLakehouse.Cloud.Auth;
using StockLakehouse.Cloud.Gcs;
using StockLakehouse.Cloud.Tests.Support;

namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>
/// A <see cref="GcsObjectStore"/> wired to <see cref="FakeGcsServer"/>, a clock whose waits are recorded and
/// skipped, and a log sink: bucket <c>lake-bucket</c>, prefix <c>tests/lake</c>, 4 attempts per request.
/// </summary>
internal sealed class GcsTestBench : IDisposable
{
    public const string Bucket = "lake-bucket";
    public const string Prefix = "tests/lake";

    private readonly HttpClient _http;
    private readonly string _staging = Path.Combine(Path.GetTempPath(), $"stocklakehouse-gcs-staging-{Guid.NewGuid():N}");

    public GcsTestBench(Func<GcsObjectStoreOptions, GcsObjectStoreOptions>? configure = null, IAccessTokenSource? tokens = null)
    {
        _http = new HttpClient(Server, disposeHandler: false);
        var options = new GcsObjectStoreOptions(new GcsLocation(Bucket, Prefix))
        {
            Endpoint = FakeGcsServer.Endpoint,
            StagingDirectory = _staging,
            Retry = new GcsRetryPolicy { MaxAttempts = 4, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(8) },
        };
        Options = configure is null ? options : configure(options);
        Tokens = tokens ?? new SequenceTokenSource();
        var log = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(Sink).CreateLogger();
        Store = new GcsObjectStore(Options, _http, Tokens, log, Clock);
    }

    public FakeGcsServer Server { get; } = new();

    public ImmediateClock Clock { get; } = new(new DateTimeOffset(2025, 12, 31, 12, 0, 0, TimeSpan.Zero));

    public CollectingSink Sink { get; } = new();

    public IAccessTokenSource Tokens { get; }

    public GcsObjectStoreOptions Options { get; }

    public GcsObjectStore Store { get; }

    public static string ObjectName(string key) => $"{Prefix}/{key}";

    public void Dispose()
    {
        _http.Dispose();
        Server.Dispose();
        if (Directory.Exists(_staging))
        {
            Directory.Delete(_staging, recursive: true);
        }
    }
}
