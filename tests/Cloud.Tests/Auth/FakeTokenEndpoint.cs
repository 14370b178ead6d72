using System.Security.Cryptography;
using System.Text.Json;
using Google.Apis.Http;

namespace StockLakehouse.Cloud.Tests.Auth;

/// <summary>
/// Google's OAuth token endpoint as a message handler: it accepts a JWT-bearer grant whose assertion is signed
/// by <c>key</c>, remembers the assertion's claims, and issues <c>ya29.test-N</c>. Plugged into a credential
/// through <see cref="Factory"/>, so no request leaves the process.
/// </summary>
internal sealed class FakeTokenEndpoint : HttpMessageHandler
{
    private readonly RSA _key;
    private readonly List<(Uri Uri, JsonElement Claims)> _grants = [];

    public FakeTokenEndpoint(RSA key)
    {
        _key = key;
        Factory = new HandlerClientFactory(this);
    }

    public IHttpClientFactory Factory { get; }

    public IReadOnlyList<(Uri Uri, JsonElement Claims)> Grants
    {
        get
        {
            lock (_grants)
            {
                return [.. _grants];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var form = (await request.Content!.ReadAsStringAsync(cancellationToken))
            .Split('&')
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => Uri.UnescapeDataString(pair[0]), pair => Uri.UnescapeDataString(pair[1].Replace('+', ' ')));
        if (request.Method != HttpMethod.Post || form.GetValueOrDefault("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer")
        {
            return new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("""{"error":"unsupported_grant_type"}""") };
        }

        var parts = form["assertion"].Split('.');
        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (!_key.VerifyData(signed, Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("""{"error":"invalid_grant","error_description":"Invalid JWT Signature."}""") };
        }

        int issued;
        lock (_grants)
        {
            _grants.Add((request.RequestUri!, JsonDocument.Parse(Base64Url(parts[1])).RootElement.Clone()));
            issued = _grants.Count;
        }

        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent($$"""{"access_token":"ya29.test-{{issued}}","expires_in":3599,"token_type":"Bearer"}""", Encoding.UTF8, "application/json"),
        };
    }

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
