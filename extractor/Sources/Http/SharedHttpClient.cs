using System.Net;

namespace StockLakehouse.Extractor.Sources.Http;

/// <summary>
/// The process-wide <see cref="HttpClient"/>: one connection pool for every source, recycled every few
/// minutes so DNS changes are seen. Its own timeout is off because each request has its own, driven by the
/// injected clock (see <c>TimeoutExecutor</c>).
/// </summary>
internal static class SharedHttpClient
{
    private static readonly Lazy<HttpClient> Client = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static HttpClient Instance => Client.Value;

    public static HttpClient Create() => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(15),
        AutomaticDecompression = DecompressionMethods.All,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
