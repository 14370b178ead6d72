using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace StockLakehouse.TestSupport.Http;

/// <summary>
/// A request a fake HTTP service received, in-process (<see cref="ScriptedHandler"/> and the stateful fakes built on
/// <see cref="ReadAsync"/>) or on the loopback server (<see cref="LocalHttpServer"/>): method, absolute URI, headers
/// (names case-insensitive, content headers included) and the body's bytes (empty without one).
/// </summary>
public sealed record ReceivedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, byte[] Content)
{
    /// <summary>The body as text (UTF-8), or null without a body.</summary>
    public string? Body => Content.Length == 0 ? null : Encoding.UTF8.GetString(Content);

    /// <summary>The path, percent-decoded.</summary>
    public string Path => System.Uri.UnescapeDataString(Uri.AbsolutePath);

    /// <summary>The path exactly as sent on the wire (percent-encoding intact).</summary>
    public string RawPath => Uri.AbsolutePath;

    /// <summary>The query parameters, names and values percent-decoded.</summary>
    public IReadOnlyDictionary<string, string> Query { get; } = ParseQuery(Uri);

    public string? Authorization => Header("Authorization");

    public string? ContentType => Header("Content-Type");

    public string? ContentRange => Header("Content-Range");

    /// <summary>The body as a JSON object; a request without a body fails the test.</summary>
    public JsonObject Json => JsonNode.Parse(Body ?? throw new InvalidOperationException($"{this} had no body."))!.AsObject();

    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"{Method} {Uri}";

    /// <summary>Records <paramref name="request"/> as an in-process fake receives it; a gzip-encoded body is kept decoded.</summary>
    public static async Task<ReceivedRequest> ReadAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Content is null ? request.Headers : request.Headers.Concat(request.Content.Headers))
        {
            headers[name] = string.Join(", ", values);
        }

        var content = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (request.Content?.Headers.ContentEncoding.Contains("gzip") == true)
        {
            // Google's client libraries gzip JSON request bodies (an upload's metadata), as Google's services accept.
            using var unzipped = new MemoryStream();
            await using (var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress))
            {
                await gzip.CopyToAsync(unzipped, cancellationToken).ConfigureAwait(false);
            }

            content = unzipped.ToArray();
        }

        return new ReceivedRequest(request.Method, request.RequestUri!, headers, content);
    }

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
