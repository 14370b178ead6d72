using StockLakehouse.Cloud.Auth;

namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>Hands out token-1, token-2, … so tests see that every attempt asks for a token.</summary>
internal sealed class SequenceTokenSource : IAccessTokenSource
{
    private int _issued;

    public int Issued => Volatile.Read(ref _issued);

    public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult($"token-{Interlocked.Increment(ref _issued)}");
    }
}
