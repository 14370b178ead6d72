using StockLakehouse.Core.Transport;

namespace StockLakehouse.Extractor.Sources.Http;

/// <summary>
/// One GET with <see cref="HttpClient"/>: the whole body as bytes whatever the status (error bodies are
/// classified, not thrown), the Retry-After header, and the fetch instant from the injected clock. The URL
/// stored with the response is the caller's secret-free one, not the one sent.
/// </summary>
internal sealed class HttpFetcher
{
    private readonly HttpClient _client;
    private readonly TimeProvider _clock;

    public HttpFetcher(HttpClient client, TimeProvider clock)
    {
        _client = client;
        _clock = clock;
    }

    public async Task<SourceResponse> GetAsync(Uri requestUri, string storedUrl, IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, requestUri);
        foreach (var (name, value) in headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var fetchedAt = _clock.GetUtcNow();
        return new SourceResponse((int)response.StatusCode, storedUrl, body, fetchedAt) { RetryAfter = RetryAfter.Of(response, fetchedAt) };
    }
}
