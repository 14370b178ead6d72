using System.Net;
using System.Net.Http.Headers;
using StockLakehouse.TestSupport.Files;

namespace StockLakehouse.TestSupport.Http;

/// <summary>
/// A fake HTTP service in-process, answering from an <see cref="HttpScript"/>: by default one conversation served in
/// order (<see cref="Then"/>), or every request answered with a function of it. A request nothing answers fails the
/// test with the request's line, so an unexpected call cannot pass. For real sockets use <see cref="LocalHttpServer"/>.
/// </summary>
public sealed class ScriptedHandler : HttpMessageHandler
{
    public ScriptedHandler()
        : this(new HttpScript(HttpScript.InOrder))
    {
    }

    /// <summary>Answers each request with <paramref name="answer"/> of it, as JSON (a long conversation).</summary>
    public ScriptedHandler(Func<ReceivedRequest, (HttpStatusCode Status, string Body)> answer)
        : this(new HttpScript(HttpScript.InOrder).AnswerWith(r =>
        {
            var (status, body) = answer(r);
            return ScriptedResponse.Json(status, body);
        }))
    {
    }

    public ScriptedHandler(HttpScript script)
    {
        Script = script;
    }

    public HttpScript Script { get; }

    public IReadOnlyList<ReceivedRequest> Requests => Script.Received;

    public int Remaining => Script.Remaining;

    public ScriptedHandler Then(HttpStatusCode status, string body, RetryConditionHeaderValue? retryAfter = null)
    {
        var response = ScriptedResponse.Json(status, body);
        Script.Script(string.Empty, retryAfter is null ? response : response with { Headers = new Dictionary<string, string> { ["Retry-After"] = retryAfter.ToString() } });
        return this;
    }

    public ScriptedHandler ThenFixture(string fixture, HttpStatusCode status = HttpStatusCode.OK, RetryConditionHeaderValue? retryAfter = null) =>
        Then(status, FixtureFiles.Text(fixture), retryAfter);

    /// <summary>The next request fails in transport with <paramref name="failure"/> (a reset connection, a timeout).</summary>
    public ScriptedHandler ThenThrow(Exception failure)
    {
        Script.Script(string.Empty, ScriptedResponse.Failing(failure));
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var received = await ReceivedRequest.ReadAsync(request, cancellationToken);
        var next = Script.Pick(received) ?? throw new InvalidOperationException($"Unexpected request {received}: the script has no more responses.");
        next.OnServe?.Invoke(received);
        if (next.Failure is not null)
        {
            throw next.Failure;
        }

        if (next.CutAfterBytes is not null)
        {
            throw new NotSupportedException($"A body cut off after {next.CutAfterBytes} bytes needs real sockets: serve it from {nameof(LocalHttpServer)}.");
        }

        if (next.Delay > TimeSpan.Zero)
        {
            await Task.Delay(next.Delay, cancellationToken);
        }

        var content = new ByteArrayContent(next.BodyFor(received));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(next.ContentType);
        var response = new HttpResponseMessage((HttpStatusCode)next.Status) { Content = content, RequestMessage = request };
        foreach (var (name, value) in next.Headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}
