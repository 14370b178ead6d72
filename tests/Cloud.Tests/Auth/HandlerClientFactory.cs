using Google.Apis.Http;

namespace StockLakehouse.Cloud.Tests.Auth;

/// <summary>Google.Apis' HTTP client factory with every client sending through one given handler.</summary>
internal sealed class HandlerClientFactory : HttpClientFactory
{
    private readonly HttpMessageHandler _handler;

    public HandlerClientFactory(HttpMessageHandler handler)
    {
        _handler = handler;
    }

    protected override HttpMessageHandler CreateHandler(CreateHttpClientArgs args) => _handler;
}
