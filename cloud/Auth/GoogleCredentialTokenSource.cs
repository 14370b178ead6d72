using Google.Apis.Auth.OAuth2;

namespace StockLakehouse.Cloud.Auth;

/// <summary>
/// Access tokens from a Google credential, normally the Application Default Credentials found by
/// Google.Apis.Auth in this order: the JSON file named by <c>GOOGLE_APPLICATION_CREDENTIALS</c> (a
/// service-account key, or any other credential configuration such as workload identity federation); the
/// user credentials that <c>gcloud auth application-default login</c> stores in
/// <c>~/.config/gcloud/application_default_credentials.json</c> (<c>%APPDATA%\gcloud\…</c> on Windows); and
/// the metadata server on Compute Engine, Cloud Run, GKE, Dataproc and Composer (its address can be
/// overridden with <c>GCE_METADATA_HOST</c>). The credential caches its token and refreshes it shortly before
/// it expires, so asking once per request costs nothing.
/// </summary>
public sealed class GoogleCredentialTokenSource : IAccessTokenSource
{
    private readonly ITokenAccess _tokens;

    /// <summary>Uses <paramref name="credential"/> with <paramref name="scopes"/> where the credential type takes scopes.</summary>
    public GoogleCredentialTokenSource(GoogleCredential credential, IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(scopes);
        var scopeList = scopes.ToArray();
        if (scopeList.Length == 0)
        {
            throw new ArgumentException("At least one OAuth scope is needed, for example GoogleScopes.CloudPlatform.", nameof(scopes));
        }

        // A service-account key needs explicit scopes; user and metadata-server credentials carry their own
        // and CreateScoped returns them unchanged.
        Credential = credential.CreateScoped(scopeList);
        _tokens = Credential.UnderlyingCredential as ITokenAccess
            ?? throw new ArgumentException($"The credential {Credential.UnderlyingCredential.GetType().Name} cannot issue access tokens.", nameof(credential));
        Description = Describe(Credential.UnderlyingCredential);
    }

    /// <summary>The scoped credential, for callers that need more than tokens (for example signing).</summary>
    public GoogleCredential Credential { get; }

    /// <summary>Which identity the tokens belong to, for logs and dry runs; never contains a secret.</summary>
    public string Description { get; }

    /// <summary>
    /// The Application Default Credentials with <paramref name="scopes"/> (default: cloud-platform). Throws
    /// <see cref="InvalidOperationException"/> with Google.Apis.Auth's explanation when none is found.
    /// </summary>
    public static async Task<GoogleCredentialTokenSource> FromApplicationDefaultAsync(CancellationToken cancellationToken, params string[] scopes)
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

        return new GoogleCredentialTokenSource(credential, scopes.Length == 0 ? [GoogleScopes.CloudPlatform] : scopes);
    }

    /// <summary>
    /// A service-account key file, whatever ADC would otherwise find. The file must be a service-account key:
    /// loading an arbitrary credential configuration from an untrusted path could make this process call
    /// endpoints the file names, so other types are refused.
    /// </summary>
    public static async Task<GoogleCredentialTokenSource> FromServiceAccountKeyFileAsync(string path, CancellationToken cancellationToken, params string[] scopes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The service-account key file '{path}' does not exist.", path);
        }

        var serviceAccount = await CredentialFactory.FromFileAsync<ServiceAccountCredential>(path, cancellationToken).ConfigureAwait(false);
        return new GoogleCredentialTokenSource(serviceAccount.ToGoogleCredential(), scopes.Length == 0 ? [GoogleScopes.CloudPlatform] : scopes);
    }

    public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken) =>
        _tokens.GetAccessTokenForRequestAsync(authUri: null, cancellationToken);

    private static string Describe(ICredential credential) => credential switch
    {
        ServiceAccountCredential serviceAccount => $"service account {serviceAccount.Id}",
        ComputeCredential => "the metadata server's service account",
        UserCredential => "user credentials (gcloud auth application-default login)",
        ImpersonatedCredential impersonated => $"impersonated service account {impersonated.TargetPrincipal}",
        ExternalAccountCredential => "workload identity federation (external account)",
        _ => credential.GetType().Name,
    };
}
