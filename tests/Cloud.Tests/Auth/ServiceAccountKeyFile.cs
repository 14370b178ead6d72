using System.Security.Cryptography;
using System.Text.Json;

namespace StockLakehouse.Cloud.Tests.Auth;

/// <summary>
/// A service-account key file in the format the Cloud Console downloads, with a freshly generated RSA key,
/// written to a temp file that is deleted on dispose. Google.Apis.Auth sends the JWT grant to Google's token
/// endpoint whatever token_uri says, so tests that fetch a token inject <see cref="FakeTokenEndpoint"/>.
/// </summary>
internal sealed class ServiceAccountKeyFile : IDisposable
{
    public const string Email = "lake-writer@stocklakehouse-test.iam.gserviceaccount.com";
    public const string TokenUri = "https://oauth2.googleapis.com/token";

    public ServiceAccountKeyFile()
    {
        Key = RSA.Create(2048);
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"stocklakehouse-sa-{Guid.NewGuid():N}.json");
        var json = new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = "stocklakehouse-test",
            ["private_key_id"] = "0123456789abcdef0123456789abcdef01234567",
            ["private_key"] = Key.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = Email,
            ["client_id"] = "109876543210987654321",
            ["auth_uri"] = "https://accounts.google.com/o/oauth2/auth",
            ["token_uri"] = TokenUri,
            ["universe_domain"] = "googleapis.com",
        };
        File.WriteAllText(Path, JsonSerializer.Serialize(json));
    }

    public RSA Key { get; }

    public string Path { get; }

    public void Dispose()
    {
        Key.Dispose();
        File.Delete(Path);
    }
}
