using StockLakehouse.Cloud.Auth;

namespace StockLakehouse.Cloud.Http;

/// <summary>
/// Lets the GCS object store (which asks an <see cref="IAccessTokenSource"/>) share one
/// <see cref="IAccessTokenProvider"/> with the BigQuery and Dataproc clients, so a deploy or a Spark job uses
/// one set of credentials. The two interfaces have the same shape; once the store takes an
/// <see cref="IAccessTokenProvider"/> directly this bridge can go.
/// </summary>
public sealed class AccessTokenSourceAdapter : IAccessTokenSource
{
    private readonly IAccessTokenProvider _provider;

    public AccessTokenSourceAdapter(IAccessTokenProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _provider = provider;
    }

    public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken) => _provider.GetAccessTokenAsync(cancellationToken);
}
