using System.Text.Json.Nodes;

namespace StockLakehouse.Cloud.Tests.Support;

/// <summary>A request a fake handler received: method, URI, body text and the Authorization header.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Body, string? Authorization)
{
    public JsonObject Json => JsonNode.Parse(Body ?? throw new InvalidOperationException($"{Method} {Uri} had no body."))!.AsObject();

    public override string ToString() => $"{Method} {Uri}";
}
