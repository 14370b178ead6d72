namespace StockLakehouse.Extractor.Classification;

/// <summary>
/// A classifier's judgement of one answer: the outcome, a sentence saying why (never containing a secret),
/// and what the body holds when it is data.
/// </summary>
public sealed record ResponseVerdict(RequestOutcome Outcome, string Detail)
{
    /// <summary>How long to wait before retrying, when the source said (Retry-After) or its message implies it.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Rows (bars, companies, listings) in a landed body.</summary>
    public int Rows { get; init; }

    /// <summary>Bars dated after the requested end: tolerated here, quarantined later by silver.</summary>
    public int BarsAfterEnd { get; init; }

    /// <summary>The latest bar date on or before the requested end; null when the body has no dated rows.</summary>
    public DateOnly? LastDate { get; init; }

    public bool Lands => Outcome.Lands();
}
