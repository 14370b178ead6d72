using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace StockLakehouse.Cloud.Tests.Support;

/// <summary>
/// An HTTP handler that answers requests from a script of responses, in order, and records every request.
/// A request beyond the script fails the test with the request's line, so an unexpected call cannot pass.
/// </summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Queue<(HttpStatusCode Status, string Body, RetryConditionHeaderValue? RetryAfter, Exception? Failure)> _script = new();

    public List<RecordedRequest> Requests { get; } = [];

    public int Remaining => _script.Count;

    public ScriptedHandler Then(HttpStatusCode status, string body, RetryConditionHeaderValue? retryAfter = null)
    {
        _script.Enqueue((status, body, retryAfter, null));
        return this;
    }

    /// <summary>The next request fails in transport with <paramref name="failure"/> (a reset connection, a timeout).</summary>
    public ScriptedHandler ThenThrow(Exception failure)
    {
        _script.Enqueue((default, string.Empty, null, failure));
        return this;
    }

    public ScriptedHandler ThenFixture(string fixture, HttpStatusCode status = HttpStatusCode.OK, RetryConditionHeaderValue? retryAfter = null) =>
        Then(status, FixtureFiles.Text(fixture), retryAfter);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, body, request.Headers.Authorization?.ToString());
        Requests.Add(recorded);
        if (!_script.TryDequeue(out var next))
        {
            throw new InvalidOperationException($"Unexpected request {recorded}: the script has no more responses.");
        }

        if (next.Failure is not null)
        {
            throw next.Failure;
        }

        var response = new HttpResponseMessage(next.Status) { Content = new StringContent(next.Body, Encoding.UTF8, "application/json") };
        response.Headers.RetryAfter = next.RetryAfter;
        return response;
    }
}
