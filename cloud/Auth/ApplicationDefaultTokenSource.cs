using Google.Apis.Http;

namespace StockLakehouse.Cloud.Auth;

/// <summary>
/// Access tokens from Application Default Credentials: <c>GOOGLE_APPLICATION_CREDENTIALS</c> (a service-account
/// key file), the gcloud user credentials (<c>gcloud auth application-default login</c>), or the metadata server
/// on Google Cloud. Scoped to cloud-platform, which covers GCS, BigQuery and Dataproc.
/// </summary>
/// <remarks>
/// The credential is looked up once, on the first token asked for (the lookup reads files and may probe the
/// metadata server), through <see cref="GoogleCredentialTokenSource.FromApplicationDefaultAsync"/>; the token
/// itself is cached and refreshed by Google.Apis.Auth before it expires, so asking for it per request is cheap.
/// </remarks>
public sealed class ApplicationDefaultTokenSource : IAccessTokenSource
{
    private readonly IHttpClientFactory? _httpClientFactory;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private GoogleCredentialTokenSource? _source;

    /// <param name="httpClientFactory">How the credential reaches the token endpoint (a proxy, for example); Google.Apis.Auth's default when null.</param>
    public ApplicationDefaultTokenSource(IHttpClientFactory? httpClientFactory = null)
    {
        _httpClientFactory = httpClientFactory;
    }

    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var source = await SourceAsync(cancellationToken).ConfigureAwait(false);
        return await source.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<GoogleCredentialTokenSource> SourceAsync(CancellationToken cancellationToken)
    {
        if (_source is { } known)
        {
            return known;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_source is null)
            {
                var found = await GoogleCredentialTokenSource.FromApplicationDefaultAsync(cancellationToken, GoogleScopes.CloudPlatform).ConfigureAwait(false);
                _source = _httpClientFactory is null
                    ? found
                    : new GoogleCredentialTokenSource(found.Credential.CreateWithHttpClientFactory(_httpClientFactory), [GoogleScopes.CloudPlatform]);
            }

            return _source;
        }
        finally
        {
            _gate.Release();
        }
    }
}
