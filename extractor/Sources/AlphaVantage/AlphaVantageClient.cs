using System.Text;
using StockLakehouse.Extractor.Secrets;
using StockLakehouse.Extractor.Sources.Http;

namespace StockLakehouse.Extractor.Sources.AlphaVantage;

/// <summary>
/// Sends <c>GET /query?function=…&amp;apikey=…</c>. The key goes only into the URL sent; the URL stored with
/// the response has <c>apikey=REDACTED</c>, built that way rather than redacted afterwards.
/// </summary>
internal sealed class AlphaVantageClient
{
    private static readonly KeyValuePair<string, string>[] Headers = [new("Accept", "application/json, text/csv")];
    private readonly Uri _baseUrl;
    private readonly AlphaVantageKey _key;
    private readonly HttpFetcher _fetcher;

    public AlphaVantageClient(Uri baseUrl, AlphaVantageKey key, HttpFetcher fetcher)
    {
        _baseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _key = key;
        _fetcher = fetcher;
    }

    public Task<SourceResponse> QueryAsync(IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var sent = new Uri(_baseUrl, "query?" + Query(parameters, _key.Reveal()));
        var stored = new Uri(_baseUrl, "query?" + Query(parameters, SecretRedactor.Mask)).AbsoluteUri;
        return _fetcher.GetAsync(sent, stored, Headers, cancellationToken);
    }

    /// <summary>Alpha Vantage spells class shares with a dot (BRK.B) where Yahoo and the lake use a dash (BRK-B).</summary>
    public static string SymbolFor(string symbol) => symbol.Replace('-', '.');

    private static string Query(IReadOnlyList<KeyValuePair<string, string>> parameters, string key)
    {
        var query = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            query.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
        }

        return query.Append("apikey=").Append(Uri.EscapeDataString(key)).ToString();
    }
}
