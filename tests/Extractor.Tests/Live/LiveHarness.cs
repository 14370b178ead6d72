using System.Text;
using System.Text.Json;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Reference;
using StockLakehouse.Extractor.Jobs;
using StockLakehouse.Extractor.Planning;
using StockLakehouse.Extractor.Sources.AlphaVantage;
using StockLakehouse.Extractor.Sources.Yahoo;

namespace StockLakehouse.Extractor.Tests.Live;

/// <summary>
/// A local server, a lake, a captured log and a clock running ten times faster than real time (a 20 s timeout
/// fires after 2 s, a 2 s Retry-After is waited in 0.2 s), wired to sources built by the catalog exactly as the
/// CLI builds them — only the base URLs point at 127.0.0.1.
/// </summary>
internal sealed class LiveHarness : IAsyncDisposable
{
    public const string ApiKey = "AVKEY7Q2W9E4R1T6";
    public static readonly DateOnly IngestDate = new(2025, 1, 10);

    private static readonly ReferenceData Reference = ReferenceData.LoadDefault();

    public LiveHarness(Func<ReceivedRequest, string>? route = null, TempLake? lake = null)
    {
        Server = new LocalHttpServer(route);
        Lake = lake ?? new TempLake();
        OwnsLake = lake is null;
    }

    public LocalHttpServer Server { get; }

    public TempLake Lake { get; }

    public LogCapture Log { get; } = new();

    /// <summary>17:00 New York on Friday 2025-01-10, after the close, running ten times real speed.</summary>
    public AcceleratedTimeProvider Clock { get; } = new(10, new DateTimeOffset(2025, 1, 10, 22, 0, 0, TimeSpan.Zero));

    public HttpClient Http { get; } = new(new SocketsHttpHandler()) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Bounded retries with short (accelerated) waits: 3 attempts, 20 s timeout (2 real seconds), 1 s base delay.</summary>
    public static HttpRequestPolicy Policy { get; } = new()
    {
        Timeout = TimeSpan.FromSeconds(20),
        MaxAttempts = 3,
        BaseDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(4),
        MaxRetryAfter = TimeSpan.FromSeconds(30),
    };

    private bool OwnsLake { get; }

    public IReadOnlyList<ExtractSource> Sources(ExtractSourceOptions options) =>
        ExtractSourceCatalog.Create(options, Reference, Clock, Log.Logger, Http, name => name == AlphaVantageKey.EnvironmentVariable ? ApiKey : null, () => 0.5);

    public ExtractSource Yahoo(HttpRequestPolicy? policy = null, int concurrency = 4) => Sources(new ExtractSourceOptions
    {
        Source = ExtractSourceCatalog.Yahoo,
        Yahoo = new YahooOptions { BaseUrl = Server.BaseUrl, MaxConcurrency = concurrency, RequestsPerSecond = 1000, Policy = policy ?? Policy },
    })[0];

    public IReadOnlyList<ExtractSource> AlphaVantage(AlphaVantageOptions? options = null) => Sources(new ExtractSourceOptions
    {
        Source = ExtractSourceCatalog.AlphaVantage,
        AlphaVantage = (options ?? new AlphaVantageOptions()) with { BaseUrl = Server.BaseUrl, RequestsPerMinute = 1000, ThrottleWait = TimeSpan.FromSeconds(2), Policy = Policy },
    });

    /// <summary>Plans a backfill of <paramref name="symbols"/> and runs it, one request at a time unless told otherwise.</summary>
    public async Task<ExtractReport> BackfillAsync(
        ExtractSource source,
        DateOnly from,
        DateOnly to,
        string[] symbols,
        int parallelism = 1,
        CancellationToken cancellationToken = default,
        DateOnly? ingestDate = null)
    {
        var planner = new ExtractPlanner(NyseCalendar.Instance, new WatermarkStore(Lake.Store));
        var plan = await planner.PlanAsync(
            source,
            new ExtractPlanOptions(symbols.Select(Symbol.Parse).ToArray(), ExtractMode.Backfill, from, to, ingestDate ?? IngestDate) { Parallelism = parallelism },
            cancellationToken);
        return await new ExtractJob(source, Lake.Store, Log.Logger).RunAsync(plan, null, cancellationToken);
    }

    /// <summary>Asserts the API key appears in no stored byte, no log line and no part of the report.</summary>
    public void AssertKeyNowhere(params ExtractReport[] reports)
    {
        foreach (var (path, bytes) in Lake.AllFiles())
        {
            Assert.False(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(ApiKey)) >= 0, $"The API key leaked into {path}.");
        }

        Assert.DoesNotContain(Log.Lines, line => line.Contains(ApiKey, StringComparison.Ordinal));
        foreach (var report in reports)
        {
            Assert.DoesNotContain(ApiKey, JsonSerializer.Serialize(report), StringComparison.Ordinal);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Http.Dispose();
        if (OwnsLake)
        {
            Lake.Dispose();
        }
    }
}
