using Google.Apis.Auth.OAuth2;
using StockLakehouse.Cloud.Auth;

namespace StockLakehouse.Cloud.Tests.Auth;

/// <summary>
/// Application Default Credentials found through GOOGLE_APPLICATION_CREDENTIALS. The variable is process-wide
/// and Google.Apis.Auth caches the first lookup for the life of the process, so this runs alone, and no other
/// test in this assembly may look up ADC.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ApplicationDefaultCredentialsTests
{
    [Fact]
    public async Task GetAsync_UsesTheKeyFileNamedByGoogleApplicationCredentials_ScopedToCloudPlatform()
    {
        using var keyFile = new ServiceAccountKeyFile();
        var before = Environment.GetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS");
        Environment.SetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS", keyFile.Path);
        try
        {
            var credential = await ApplicationDefaultCredentials.GetAsync(CancellationToken.None);

            var serviceAccount = Assert.IsType<ServiceAccountCredential>(credential.UnderlyingCredential);
            Assert.Equal(ServiceAccountKeyFile.Email, serviceAccount.Id);

            // What deploy hands the transport: a cloud-platform token, fetched once and reused. The key file's key
            // signs the grant, and the fake endpoint checks the signature with it.
            var endpoint = new FakeTokenEndpoint(keyFile.Key);
            ITokenAccess tokens = credential.CreateWithHttpClientFactory(endpoint.Factory);
            var first = await tokens.GetAccessTokenForRequestAsync(authUri: null, CancellationToken.None);
            var second = await tokens.GetAccessTokenForRequestAsync(authUri: null, CancellationToken.None);

            Assert.StartsWith("ya29.test-", first, StringComparison.Ordinal);
            Assert.Equal(first, second);
            var (_, claims) = Assert.Single(endpoint.Grants);
            Assert.Equal(ServiceAccountKeyFile.Email, claims.GetProperty("iss").GetString());
            Assert.Equal(GoogleScopes.CloudPlatform, claims.GetProperty("scope").GetString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS", before);
        }
    }
}
