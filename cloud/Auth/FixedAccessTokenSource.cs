namespace StockLakehouse.Cloud.Auth;

/// <summary>
/// One token for every request: for emulators (the firebase-tools Storage emulator treats
/// <c>Bearer owner</c> as an administrator) and for a token obtained elsewhere, such as
/// <c>gcloud auth print-access-token</c>, which expires after an hour.
/// </summary>
public sealed class FixedAccessTokenSource : IAccessTokenSource
{
    private readonly string _token;

    public FixedAccessTokenSource(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _token = token;
    }

    /// <summary>The token the firebase-tools emulators accept as an administrator's.</summary>
    public static FixedAccessTokenSource EmulatorOwner { get; } = new("owner");

    public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_token);
    }
}
