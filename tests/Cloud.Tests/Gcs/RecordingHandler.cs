namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>Passes requests on to a real handler, remembering each method and URI.</summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    private readonly List<(HttpMethod Method, Uri Uri)> _requests = [];

    public RecordingHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    public IReadOnlyList<(HttpMethod Method, Uri Uri)> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_requests)
        {
            _requests.Add((request.Method, request.RequestUri!));
        }

        return base.SendAsync(request, cancellationToken);
    }
}
