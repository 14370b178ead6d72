using System.Net.Http.Headers;
using StockLakehouse.Cloud.Auth;

namespace StockLakehouse.Cloud.Http;

/// <summary>Adds <c>Authorization: Bearer &lt;token&gt;</c> from an <see cref="IAccessTokenSource"/> to every request.</summary>
public sealed class BearerTokenHandler : DelegatingHandler
{
    private readonly IAccessTokenSource _tokens;

    public BearerTokenHandler(IAccessTokenSource tokens, HttpMessageHandler inner)
        : base(inner)
    {
        _tokens = tokens;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
