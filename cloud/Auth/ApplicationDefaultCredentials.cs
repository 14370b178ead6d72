using Google.Apis.Auth.OAuth2;

namespace StockLakehouse.Cloud.Auth;

/// <summary>
/// The one credential of the cloud path: Application Default Credentials, found by Google.Apis.Auth in this order —
/// the JSON file named by <c>GOOGLE_APPLICATION_CREDENTIALS</c> (a service-account key or another credential
/// configuration such as workload identity federation); the user credentials that
/// <c>gcloud auth application-default login</c> stores; the metadata server on Compute Engine, Cloud Run, Dataproc and
/// Composer. BigQuery and Dataproc get it through <see cref="Http.GoogleCloudHttp"/>; Google.Cloud.Storage.V1 finds
/// the same credential itself. The credential caches its token and refreshes it before it expires.
/// </summary>
public static class ApplicationDefaultCredentials
{
    /// <summary>
    /// The Application Default Credentials scoped to cloud-platform (a service-account key needs explicit scopes; user
    /// and metadata-server credentials carry their own). Throws <see cref="InvalidOperationException"/> saying how to
    /// provide credentials, with Google.Apis.Auth's explanation, when none is found.
    /// </summary>
    public static async Task<GoogleCredential> GetAsync(CancellationToken cancellationToken)
    {
        GoogleCredential credential;
        try
        {
            credential = await GoogleCredential.GetApplicationDefaultAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException(
                "No Google Cloud credentials were found: run 'gcloud auth application-default login', set GOOGLE_APPLICATION_CREDENTIALS "
                + $"to a service-account key file, or run on Google Cloud. Google.Apis.Auth said: {e.Message}",
                e);
        }

        return credential.CreateScoped(GoogleScopes.CloudPlatform);
    }
}
