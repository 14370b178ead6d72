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
        }
        finally
        {
            Environment.SetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS", before);
        }
    }
}
