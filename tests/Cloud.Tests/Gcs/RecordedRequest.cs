namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>A request as <see cref="FakeGcsServer"/> received it.</summary>
internal sealed record RecordedRequest(
    HttpMethod Method,
    Uri Uri,
    string? Authorization,
    string? ContentType,
    string? ContentRange,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body)
{
    /// <summary>The path exactly as sent on the wire (percent-encoding intact).</summary>
    public string RawPath => Uri.AbsolutePath;

    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;
}
