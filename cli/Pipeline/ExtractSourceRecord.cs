namespace StockLakehouse.Cli.Pipeline;

/// <summary>One source's part of the extract stage in the run manifest.</summary>
internal sealed record ExtractSourceRecord(
    string Source,
    string Dataset,
    string Description,
    string IngestDate,
    int Requested,
    int Landed,
    int AlreadyPresent,
    long BytesLanded,
    int Attempts,
    int BarsAfterEnd,
    string? StoppedReason,
    IReadOnlyDictionary<string, int> Outcomes,
    IReadOnlyList<NotRequestedRecord> NotRequested,
    IReadOnlyList<RequestRecord> Requests);

/// <summary>A symbol the extract made no request for, and why.</summary>
internal sealed record NotRequestedRecord(string Symbol, string Reason);

/// <summary>One request of the extract: what was asked, what came of it, and the raw object it landed or found.</summary>
internal sealed record RequestRecord(string Symbol, string From, string To, string Outcome, string Detail, int Attempts, string? ObjectKey, int BarsAfterEnd);
