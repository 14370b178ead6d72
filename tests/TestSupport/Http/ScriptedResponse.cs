using System.Net;
using System.Text;
using StockLakehouse.TestSupport.Files;

namespace StockLakehouse.TestSupport.Http;

/// <summary>
/// One answer of a fake HTTP service: status, body and headers, optionally after a delay (to exceed a timeout), cut
/// off after some bytes (a broken transfer: the Content-Length promises more; loopback server only), with the body
/// rewritten per request (to echo the request's symbol or key like the real APIs do), or no answer at all but a
/// transport failure (<see cref="Failure"/>: a reset connection, a timeout).
/// </summary>
public sealed record ScriptedResponse(int Status, byte[] Body, string ContentType = "application/json")
{
    public TimeSpan Delay { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public int? CutAfterBytes { get; init; }

    public Func<ReceivedRequest, string, string>? Rewrite { get; init; }

    /// <summary>Runs when the service picks this answer, before any delay: a test can act while the request is in flight.</summary>
    public Action<ReceivedRequest>? OnServe { get; init; }

    /// <summary>
    /// When set, the request fails in transport instead of being answered: <see cref="ScriptedHandler"/> throws it,
    /// <see cref="LocalHttpServer"/> closes the connection without a word.
    /// </summary>
    public Exception? Failure { get; init; }

    public static ScriptedResponse Json(byte[] body) => new(200, body);

    public static ScriptedResponse Json(HttpStatusCode status, string body) => new((int)status, Encoding.UTF8.GetBytes(body));

    public static ScriptedResponse Fixture(string relativePath, int status = 200) =>
        new(status, FixtureFiles.Bytes(relativePath), relativePath.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : relativePath.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "text/html");

    public static ScriptedResponse Text(int status, string body, string contentType = "text/plain") => new(status, Encoding.UTF8.GetBytes(body), contentType);

    public static ScriptedResponse Failing(Exception failure) => new(0, []) { Failure = failure };

    public byte[] BodyFor(ReceivedRequest request) =>
        Rewrite is null ? Body : Encoding.UTF8.GetBytes(Rewrite(request, Encoding.UTF8.GetString(Body)));
}
