using StockLakehouse.Extractor.Classification;

namespace StockLakehouse.Extractor.Jobs;

/// <summary>
/// What happened to one request: its subject (a symbol, or '_…' for a whole dataset) and dates, the outcome
/// and why, how many attempts were sent, and the raw object it landed or found (null when nothing landed).
/// </summary>
public sealed record RequestReport(string Symbol, DateOnly From, DateOnly To, RequestOutcome Outcome, string Detail)
{
    public int Attempts { get; init; }

    /// <summary>The raw object key when the request landed, or had landed in an earlier run.</summary>
    public string? ObjectKey { get; init; }

    public long BytesLanded { get; init; }

    /// <summary>Bars dated after <see cref="To"/> in the landed body (quarantined later by silver).</summary>
    public int BarsAfterEnd { get; init; }

    /// <summary>The outcome's manifest name (snake_case).</summary>
    public string OutcomeName => Outcome.ToSnakeCase();
}
