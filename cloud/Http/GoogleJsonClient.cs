using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StockLakehouse.Cloud.Http;

/// <summary>
/// JSON over HTTP for Google Cloud REST APIs: sends a request with an optional JSON body, returns the JSON
/// answer, and turns any non-success answer into a <see cref="Google.GoogleApiException"/> carrying the API's
/// message verbatim (see <see cref="GoogleApiErrors"/>). Authentication and retries are the
/// <see cref="HttpClient"/>'s business (see <see cref="GoogleCloudHttp"/>), so tests hand in a client over a
/// fake <see cref="HttpMessageHandler"/>.
/// </summary>
public sealed class GoogleJsonClient
{
    private readonly HttpClient _http;

    public GoogleJsonClient(HttpClient http)
    {
        _http = http;
    }

    public Task<JsonObject> GetAsync(Uri uri, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, uri, null, cancellationToken);

    public Task<JsonObject> PostAsync(Uri uri, JsonNode body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, uri, body, cancellationToken);

    public async Task<JsonObject> SendAsync(HttpMethod method, Uri uri, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var call = $"{method} {uri}";
        if (!response.IsSuccessStatusCode)
        {
            throw GoogleApiErrors.FromResponse(call, GoogleApiErrors.ServiceOf(uri), response.StatusCode, text);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject
                ?? throw new InvalidDataException($"{call} answered with JSON that is not an object: {Truncate(text)}");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{call} answered HTTP {(int)response.StatusCode} with a body that is not JSON: {Truncate(text)}", e);
        }
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
