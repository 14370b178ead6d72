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
    public async Task FromApplicationDefaultAsync_UsesTheKeyFileNamedByGoogleApplicationCredentials()
    {
        using var keyFile = new ServiceAccountKeyFile();
        var before = Environment.GetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS");
        Environment.SetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS", keyFile.Path);
        try
        {
            var source = await GoogleCredentialTokenSource.FromApplicationDefaultAsync(CancellationToken.None);

            Assert.Equal($"service account {ServiceAccountKeyFile.Email}", source.Description);

            // What the lake store and deploy use: the same lookup, a cloud-platform token, fetched once and reused.
            // The key file's key signs the grant, and the fake endpoint checks the signature with it.
            var endpoint = new FakeTokenEndpoint(keyFile.Key);
            var tokens = new ApplicationDefaultTokenSource(endpoint.Factory);
            var first = await tokens.GetAccessTokenAsync(CancellationToken.None);
            var second = await tokens.GetAccessTokenAsync(CancellationToken.None);

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
