namespace StockLakehouse.Extractor.Tests.Support;

/// <summary>A request the local server received: method, path, decoded query parameters and headers.</summary>
internal sealed record ReceivedRequest(
    string Method,
    string Path,
    string Target,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers)
{
    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
