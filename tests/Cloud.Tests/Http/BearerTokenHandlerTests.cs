using System.Net;
using StockLakehouse.Cloud.Http;
using StockLakehouse.Cloud.Tests.Support;

namespace StockLakehouse.Cloud.Tests.Http;

public sealed class BearerTokenHandlerTests
{
    [Fact]
    public async Task SendAsync_EveryRequest_AsksTheProviderAndSendsItsToken()
    {
        var tokens = new FixedTokens();
        var transport = new ScriptedHandler().Then(HttpStatusCode.OK, "{}").Then(HttpStatusCode.OK, "{}");
        using var http = GoogleCloudHttp.CreateClient(tokens, transport);

        await http.GetAsync(new Uri("https://dataproc.googleapis.com/v1/a"));
        await http.GetAsync(new Uri("https://dataproc.googleapis.com/v1/b"));

        Assert.Equal(2, tokens.Calls);
        Assert.All(transport.Requests, r => Assert.Equal("Bearer ya29.test-token", r.Authorization));
    }
}
