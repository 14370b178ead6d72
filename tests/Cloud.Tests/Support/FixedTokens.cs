using StockLakehouse.Cloud.Auth;
using StockLakehouse.Cloud.Http;

namespace StockLakehouse.Cloud.Tests.Support;

/// <summary>An access-token provider that always returns the same token and counts how often it was asked.</summary>
internal sealed class FixedTokens : IAccessTokenSource
{
    public const string Token = "ya29.test-token";

    public int Calls { get; private set; }

    public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        Calls++;
        return Task.FromResult(Token);
    }
}
