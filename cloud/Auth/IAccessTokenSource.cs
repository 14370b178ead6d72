namespace StockLakehouse.Cloud.Auth;

/// <summary>
/// Supplies the OAuth 2.0 access token sent as <c>Authorization: Bearer</c> on each request to a Google API.
/// Implementations cache and refresh tokens themselves, so callers ask once per request.
/// </summary>
public interface IAccessTokenSource
{
    /// <summary>A token valid for at least the next few minutes; never logged.</summary>
    Task<string> GetAccessTokenAsync(CancellationToken cancellationToken);
}
