namespace StockLakehouse.Extractor.Fetching;

/// <summary>
/// A source's stop switch for the rest of the run, shared by every dataset that uses the same key (Alpha
/// Vantage's daily cap counts all functions together). The first reason wins.
/// </summary>
public sealed class SourceStop
{
    private string? _reason;

    /// <summary>Why the source stopped; null while it runs.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    /// <summary>Stops the source; returns true for the call that stopped it.</summary>
    public bool Trip(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return Interlocked.CompareExchange(ref _reason, reason, null) is null;
    }
}
