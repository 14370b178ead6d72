using StockLakehouse.Cloud.Auth;
namespace StockLakehouse.Cloud.Http;

/// <summary>Builds the authenticated <see cref="HttpClient"/> the BigQuery and Dataproc clients share.</summary>
public static class GoogleCloudHttp
{
    /// <summary>
    /// A client that sends every request with a bearer token from <paramref name="tokens"/>. Connections are
    /// recycled every few minutes so DNS changes of Google's front ends are picked up by long deploys.
    /// </summary>
    public static HttpClient CreateClient(IAccessTokenSource tokens, HttpMessageHandler? transport = null)
    {
        transport ??= new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        return new HttpClient(new BearerTokenHandler(tokens, transport)) { Timeout = TimeSpan.FromMinutes(2) };
    }
}
