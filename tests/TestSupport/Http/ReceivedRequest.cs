using System.Text.Json.Nodes;

namespace StockLakehouse.TestSupport.Http;

/// <summary>
/// A request a fake HTTP service received, in-process (<see cref="ScriptedHandler"/>) or on the loopback server
/// (<see cref="LocalHttpServer"/>): method, absolute URI, headers (names case-insensitive) and body text.
/// </summary>
public sealed record ReceivedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    /// <summary>The path, percent-decoded.</summary>
    public string Path => System.Uri.UnescapeDataString(Uri.AbsolutePath);

    /// <summary>The query parameters, names and values percent-decoded.</summary>
    public IReadOnlyDictionary<string, string> Query { get; } = ParseQuery(Uri);

    public string? Authorization => Header("Authorization");

    /// <summary>The body as a JSON object; a request without a body fails the test.</summary>
    public JsonObject Json => JsonNode.Parse(Body ?? throw new InvalidOperationException($"{this} had no body."))!.AsObject();

    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"{Method} {Uri}";

    private static Dictionary<string, string> ParseQuery(Uri uri)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = System.Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            query[name] = equals < 0 ? string.Empty : System.Uri.UnescapeDataString(pair[(equals + 1)..]);
        }

        return query;
    }
}
