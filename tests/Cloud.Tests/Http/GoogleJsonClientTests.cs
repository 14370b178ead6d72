using System.Text.Json.Nodes;

namespace StockLakehouse.Cloud.Tests.Http;

public sealed class GoogleJsonClientTests
{
    private static readonly Uri Endpoint = new("https://bigquery.googleapis.com/bigquery/v2/projects/p/jobs");

    [Fact]
    public async Task PostAsync_Body_IsSentAsUtf8JsonWithTheBearerToken()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, "{\"ok\":true}");

        var answer = await Clients.Json(handler).PostAsync(Endpoint, new JsonObject { ["name"] = "€ and ü" }, CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("{\"name\":\"\\u20AC and \\u00FC\"}", request.Body);
        Assert.Equal("€ and ü", request.Json["name"]!.GetValue<string>());
        Assert.Equal($"Bearer {Clients.Token}", request.Authorization);
        Assert.True(answer["ok"]!.GetValue<bool>());
    }

    [Fact]
    public async Task GetAsync_ErrorStatus_ThrowsWithTheApiMessage()
    {
        var handler = new ScriptedHandler().ThenFixture("bigquery/error_table_not_found.json", HttpStatusCode.NotFound);

        var error = await Assert.ThrowsAsync<GoogleApiException>(() => Clients.Json(handler).GetAsync(Endpoint, CancellationToken.None));

        Assert.True(error.IsNotFound());
        Assert.Equal("Not found: Table stock-lakehouse-test:lakehouse.fact_stock_price", error.ApiMessage());
        Assert.Contains($"GET {Endpoint}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_SuccessWithHtmlBody_ThrowsNamingTheCall()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, "<html>proxy login</html>");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Clients.Json(handler).GetAsync(Endpoint, CancellationToken.None));

        Assert.Contains("is not JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("<html>proxy login</html>", error.Message, StringComparison.Ordinal);
    }
}
