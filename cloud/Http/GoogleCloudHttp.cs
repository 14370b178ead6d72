using Google.Apis.Auth.OAuth2;
using Google.Apis.Http;
using Serilog;

namespace StockLakehouse.Cloud.Http;

/// <summary>
/// Builds the one HTTP client the BigQuery and Dataproc REST clients share, on Google.Apis' own stack — the
/// one Google.Cloud.Storage.V1 sits on: a <see cref="ConfigurableHttpClient"/> whose
/// <see cref="ConfigurableMessageHandler"/> takes its bearer token (and refreshes it on 401) from the
/// <see cref="GoogleCredential"/> as an <see cref="IConfigurableHttpClientInitializer"/>, and retries
/// transient failures through <see cref="GoogleRetryHandler"/>. With gzip enabled the library asks for
/// compressed answers and decompresses them itself (the network handler below it must not).
/// </summary>
/// <remarks>
/// Retrying every request is safe for what the project sends: creates carry their own id (the job id of
/// <c>jobs.insert</c>, the <c>batchId</c> of <c>batches.create</c>, the dataset and table names), so a repeated
/// create answers 409 and the caller follows what exists; <c>jobs.query</c> only runs the checks' SELECTs.
/// </remarks>
public static class GoogleCloudHttp
{
    /// <summary>Sent in the User-Agent ahead of the library's own product token.</summary>
    public const string ApplicationName = "stocklakehouse";

    /// <summary>
    /// A client for <paramref name="credential"/>. <paramref name="transport"/> replaces the network (tests hand
    /// in a fake handler); by default connections are recycled every few minutes so DNS changes of Google's
    /// front ends reach long deploys (the library never disposes an injected handler, so that one lives as long
    /// as the process). Each try is bounded by <see cref="GoogleRetryHandler.AttemptTimeout"/>; the
    /// client's own timeout only guards a call with all its retries and waits.
    /// </summary>
    internal static ConfigurableHttpClient CreateClient(GoogleCredential credential, GoogleRetryHandler retry, HttpMessageHandler? transport = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(retry);
        var network = transport ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false };
        var factory = new HttpClientFromMessageHandlerFactory(_ => new HttpClientFromMessageHandlerFactory.ConfiguredHttpMessageHandler(
            new AttemptTimeoutHandler(retry.AttemptTimeout, network),
            false, // the handler decompresses nothing
            false)); // nor follows redirects: the ConfigurableMessageHandler does, dropping the Authorization header
        var args = new CreateHttpClientArgs { ApplicationName = ApplicationName, GZipEnabled = true };
        args.Initializers.Add(credential);
        args.Initializers.Add(retry);
        var client = factory.CreateHttpClient(args);
        client.Timeout = TimeSpan.FromMinutes(30);
        return client;
    }

    /// <summary>The production client: retries logged to <paramref name="log"/>, waits on <paramref name="clock"/>.</summary>
    public static ConfigurableHttpClient CreateClient(GoogleCredential credential, TimeProvider clock, ILogger log) =>
        CreateClient(credential, new GoogleRetryHandler(clock, log));
}
