using Google.Apis.Auth.OAuth2;
using StockLakehouse.Cloud.Auth;

namespace StockLakehouse.Cloud.Tests.Auth;

/// <summary>
/// The Google credential behind the GCS store, exercised offline: a service-account key file with a generated
/// RSA key, and Google's token endpoint answered in-process by a handler injected into the credential.
/// </summary>
public sealed class GoogleCredentialTokenSourceTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ServiceAccountKeyFile _keyFile = new();

    [Fact]
    public async Task FromServiceAccountKeyFileAsync_DescribesTheServiceAccount()
    {
        var source = await GoogleCredentialTokenSource.FromServiceAccountKeyFileAsync(_keyFile.Path, None);

        Assert.Equal($"service account {ServiceAccountKeyFile.Email}", source.Description);
        var serviceAccount = Assert.IsType<ServiceAccountCredential>(source.Credential.UnderlyingCredential);
        Assert.Equal([GoogleScopes.CloudPlatform], serviceAccount.Scopes);
    }

    [Fact]
    public async Task GetAccessTokenAsync_SignsAJwtGrantWithTheKeyAndReturnsTheEndpointsToken()
    {
        var endpoint = new FakeTokenEndpoint(_keyFile.Key);
        var loaded = await GoogleCredentialTokenSource.FromServiceAccountKeyFileAsync(_keyFile.Path, None, GoogleScopes.DevStorageReadWrite);
        var source = new GoogleCredentialTokenSource(loaded.Credential.CreateWithHttpClientFactory(endpoint.Factory), [GoogleScopes.DevStorageReadWrite]);

        var token = await source.GetAccessTokenAsync(None);

        Assert.Equal("ya29.test-1", token);
        var (uri, claims) = Assert.Single(endpoint.Grants);
        Assert.Equal(ServiceAccountKeyFile.TokenUri, uri.AbsoluteUri);
        Assert.Equal(ServiceAccountKeyFile.Email, claims.GetProperty("iss").GetString());
        Assert.Equal(GoogleScopes.DevStorageReadWrite, claims.GetProperty("scope").GetString());
        Assert.Equal(ServiceAccountKeyFile.TokenUri, claims.GetProperty("aud").GetString());
    }

    [Fact]
    public async Task GetAccessTokenAsync_ReusesTheTokenUntilItNearsExpiry()
    {
        var endpoint = new FakeTokenEndpoint(_keyFile.Key);
        var loaded = await GoogleCredentialTokenSource.FromServiceAccountKeyFileAsync(_keyFile.Path, None);
        var source = new GoogleCredentialTokenSource(loaded.Credential.CreateWithHttpClientFactory(endpoint.Factory), [GoogleScopes.CloudPlatform]);

        Assert.Equal("ya29.test-1", await source.GetAccessTokenAsync(None));
        Assert.Equal("ya29.test-1", await source.GetAccessTokenAsync(None));

        Assert.Single(endpoint.Grants);
    }

    [Fact]
    public async Task GetAccessTokenAsync_KeyTheEndpointDoesNotKnow_Fails()
    {
        using var otherKey = System.Security.Cryptography.RSA.Create(2048);
        var endpoint = new FakeTokenEndpoint(otherKey);
        var loaded = await GoogleCredentialTokenSource.FromServiceAccountKeyFileAsync(_keyFile.Path, None);
        var source = new GoogleCredentialTokenSource(loaded.Credential.CreateWithHttpClientFactory(endpoint.Factory), [GoogleScopes.CloudPlatform]);

        var error = await Assert.ThrowsAsync<Google.Apis.Auth.OAuth2.Responses.TokenResponseException>(() => source.GetAccessTokenAsync(None));

        Assert.Equal("invalid_grant", error.Error.Error);
        Assert.Empty(endpoint.Grants);
    }

    [Fact]
    public async Task FromServiceAccountKeyFileAsync_UserCredentialsFile_IsRefused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"stocklakehouse-user-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{"type":"authorized_user","client_id":"id","client_secret":"secret","refresh_token":"refresh"}""");
        try
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => GoogleCredentialTokenSource.FromServiceAccountKeyFileAsync(path, None));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task FromServiceAccountKeyFileAsync_MissingFile_NamesIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"stocklakehouse-missing-{Guid.NewGuid():N}.json");

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => GoogleCredentialTokenSource.FromServiceAccountKeyFileAsync(path, None));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WithoutScopes_Throws()
    {
        var credential = CredentialFactory.FromFile<ServiceAccountCredential>(_keyFile.Path).ToGoogleCredential();

        Assert.Throws<ArgumentException>(() => new GoogleCredentialTokenSource(credential, []));
    }

    [Fact]
    public void Description_NamesUserAndMetadataServerCredentials()
    {
        var user = CredentialFactory.FromJson<UserCredential>("""{"type":"authorized_user","client_id":"id","client_secret":"secret","refresh_token":"refresh"}""").ToGoogleCredential();
        var metadata = new ComputeCredential().ToGoogleCredential();

        Assert.Equal("user credentials (gcloud auth application-default login)", new GoogleCredentialTokenSource(user, [GoogleScopes.CloudPlatform]).Description);
        Assert.Equal("the metadata server's service account", new GoogleCredentialTokenSource(metadata, [GoogleScopes.CloudPlatform]).Description);
    }

    public void Dispose() => _keyFile.Dispose();
}
