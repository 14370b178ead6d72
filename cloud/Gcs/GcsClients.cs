using Google.Api.Gax;
using Google.Apis.Http;
using Google.Cloud.Storage.V1;

namespace StockLakehouse.Cloud.Gcs;

/// <summary>
/// The <see cref="StorageClient"/>s the lake uses: Application Default Credentials against Cloud Storage, or —
/// when <c>STORAGE_EMULATOR_HOST</c> is set, as for every Google client library — that emulator, unauthenticated.
/// Tests can point an unauthenticated client at any JSON API root and plug in their own HTTP handler.
/// </summary>
public static class GcsClients
{
    /// <summary>The environment variable naming a Cloud Storage emulator (<c>host:port</c> or a URL).</summary>
    public const string EmulatorVariable = "STORAGE_EMULATOR_HOST";

    /// <summary>
    /// A client for this process's environment: the emulator named by <see cref="EmulatorVariable"/>, or Cloud Storage
    /// with Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS, gcloud's user credentials, or the metadata
    /// server), which the library resolves when the client is built.
    /// </summary>
    public static StorageClient FromEnvironment() =>
        new StorageClientBuilder { EmulatorDetection = EmulatorDetection.EmulatorOrProduction }.Build();

    /// <summary>
    /// An unauthenticated client whose JSON API root is <paramref name="endpoint"/> (such as <c>http://127.0.0.1:9199/</c>),
    /// sending through <paramref name="httpClientFactory"/> when given.
    /// </summary>
    public static StorageClient Unauthenticated(Uri endpoint, HttpClientFactory? httpClientFactory = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The endpoint '{endpoint}' must be an absolute http(s) URI.", nameof(endpoint));
        }

        var builder = new StorageClientBuilder { UnauthenticatedAccess = true, BaseUri = new Uri(endpoint, "storage/v1/").AbsoluteUri };
        if (httpClientFactory is not null)
        {
            builder.HttpClientFactory = httpClientFactory;
        }

        return builder.Build();
    }
}
