namespace StockLakehouse.Cloud.Http;

/// <summary>
/// Supplies OAuth 2.0 access tokens for Google Cloud REST calls. Every cloud client authenticates
/// through this one seam, so tests pass a fixed token, the CLI passes Application Default Credentials,
/// and any other credential source (a workload identity, a token from the metadata server) plugs in
/// without the clients knowing.
/// </summary>
public interface IAccessTokenProvider
{
    /// <summary>A currently valid access token (without the "Bearer " prefix); implementations refresh it before it expires.</summary>
    Task<string> GetAccessTokenAsync(CancellationToken cancellationToken);
}
