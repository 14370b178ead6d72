namespace StockLakehouse.Extractor.Limits;

/// <summary>Permission to send one request (released on dispose), or a refusal with the reason.</summary>
internal sealed class LimiterLease : IDisposable
{
    private Action? _release;

    private LimiterLease(bool acquired, string? refusal, Action? release)
    {
        IsAcquired = acquired;
        Refusal = refusal;
        _release = release;
    }

    /// <summary>A granted lease with nothing to release.</summary>
    public static LimiterLease Free { get; } = new(true, null, null);

    public bool IsAcquired { get; }

    /// <summary>Why the request may not be sent; null when acquired.</summary>
    public string? Refusal { get; }

    public static LimiterLease Granted(Action release) => new(true, null, release);

    public static LimiterLease Refused(string reason) => new(false, reason, null);

    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
