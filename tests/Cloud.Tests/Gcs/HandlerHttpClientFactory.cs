using Google.Apis.Http;

namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>
/// Makes a <c>StorageClient</c> send through a given handler (the fake server, or a recorder in front of a socket
/// handler) instead of the network stack. The handler is the innermost one: the library's own message handler,
/// with its retry and resumable-upload callbacks, still sits in front of it.
/// </summary>
internal sealed class HandlerHttpClientFactory(HttpMessageHandler handler) : HttpClientFactory
{
    protected override HttpMessageHandler CreateHandler(CreateHttpClientArgs args) => handler;
}
