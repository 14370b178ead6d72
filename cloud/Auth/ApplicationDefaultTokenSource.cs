using Google.Apis.Auth.OAuth2;

namespace StockLakehouse.Cloud.Auth;

/// <summary>
/// Access tokens from Application Default Credentials: <c>GOOGLE_APPLICATION_CREDENTIALS</c> (a service-account
/// key file), the gcloud user credentials (<c>gcloud auth application-default login</c>), or the metadata server
/// on Google Cloud. Scoped to cloud-platform, which covers GCS, BigQuery and Dataproc.
/// </summary>
/// <remarks>
/// The credential is looked up once (the lookup reads files and may probe the metadata server); the token
/// itself is cached and refreshed by Google.Apis.Auth before it expires, so asking for it per request is cheap.
/// </remarks>
public sealed class ApplicationDefaultTokenSource : IAccessTokenSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ICredential? _credential;

    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var credential = await CredentialAsync(cancellationToken).ConfigureAwait(false);
        return await credential.GetAccessTokenForRequestAsync(authUri: null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ICredential> CredentialAsync(CancellationToken cancellationToken)
    {
        if (_credential is { } known)
        {
            return known;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_credential is null)
            {
                GoogleCredential found;
                try
                {
                    found = await GoogleCredential.GetApplicationDefaultAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidOperationException e)
                {
                    throw new InvalidOperationException(
                        "No Google Cloud credentials were found. Run 'gcloud auth application-default login', or set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file. "
                        + $"Google.Apis.Auth said: {e.Message}",
                        e);
                }

                _credential = found.CreateScoped(GoogleScopes.CloudPlatform).UnderlyingCredential;
            }

            return _credential;
        }
        finally
        {
            _gate.Release();
        }
    }
}
