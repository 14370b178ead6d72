using System.Net;
using System.Text;

namespace StockLakehouse.Cloud.Tests.Support;

/// <summary>An HTTP handler that answers each request with a function of it, recording every request; for long conversations.</summary>
internal sealed class RoutingHandler : HttpMessageHandler
{
    private readonly Func<RecordedRequest, (HttpStatusCode Status, string Body)> _route;

    public RoutingHandler(Func<RecordedRequest, (HttpStatusCode Status, string Body)> route)
    {
        _route = route;
    }

    public List<RecordedRequest> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, body, request.Headers.Authorization?.ToString());
        lock (Requests)
        {
            Requests.Add(recorded);
        }

        var (status, text) = _route(recorded);
        return new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
    }
}
