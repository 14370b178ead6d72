using StockLakehouse.Extractor.Planning;

namespace StockLakehouse.Extractor.Jobs;

/// <summary>
/// What an extract did: objects landed, objects already present from an earlier run, failures with reasons,
/// bytes landed — and, for the run manifest, every request's outcome, the count per outcome, and why the
/// source stopped early when it did (the next run resumes what it did not land).
/// </summary>
public sealed record ExtractReport(int Requested, int Landed, int AlreadyPresent, long BytesLanded, IReadOnlyList<ExtractFailure> Failures)
{
    public string Source { get; init; } = string.Empty;

    public string Dataset { get; init; } = string.Empty;

    /// <summary>Requests per outcome, keyed by the outcome's snake_case name (ok, symbol_rejected, daily_cap_reached, …).</summary>
    public IReadOnlyDictionary<string, int> Outcomes { get; init; } = new Dictionary<string, int>();

    /// <summary>Every request made or deliberately not sent, ordered by symbol and dates.</summary>
    public IReadOnlyList<RequestReport> Requests { get; init; } = [];

    /// <summary>Symbols the planner made no request for, and why.</summary>
    public IReadOnlyList<NotRequested> NotRequested { get; init; } = [];

    /// <summary>Bars after the requested end across all landed bodies.</summary>
    public int BarsAfterEnd { get; init; }

    /// <summary>Why the source stopped during the run (daily cap, rejected key); null when it did not.</summary>
    public string? StoppedReason { get; init; }

    /// <summary>Requests sent to the source, retries included.</summary>
    public int Attempts { get; init; }
}
