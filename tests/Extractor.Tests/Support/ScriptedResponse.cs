using System.Text;

namespace StockLakehouse.Extractor.Tests.Support;

/// <summary>
/// One answer the local server gives: status, body and headers, optionally after a delay (to exceed a
/// timeout), cut off after some bytes (a broken transfer: the Content-Length promises more), or with the
/// body rewritten per request (to echo the request's symbol or key like the real APIs do).
/// </summary>
internal sealed record ScriptedResponse(int Status, byte[] Body, string ContentType = "application/json")
{
    public TimeSpan Delay { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public int? CutAfterBytes { get; init; }

    public Func<ReceivedRequest, string, string>? Rewrite { get; init; }

    /// <summary>Runs when the server picks this answer, before any delay: a test can act while the request is in flight.</summary>
    public Action<ReceivedRequest>? OnServe { get; init; }

    public static ScriptedResponse Json(byte[] body) => new(200, body);

    public static ScriptedResponse Fixture(string relativePath, int status = 200) =>
        new(status, FixtureFiles.Bytes(relativePath), relativePath.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : relativePath.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "text/html");

    public static ScriptedResponse Text(int status, string body, string contentType = "text/plain") => new(status, Encoding.UTF8.GetBytes(body), contentType);

    public byte[] BodyFor(ReceivedRequest request) =>
        Rewrite is null ? Body : Encoding.UTF8.GetBytes(Rewrite(request, Encoding.UTF8.GetString(Body)));
}
