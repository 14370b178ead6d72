namespace StockLakehouse.Extractor.Classification;

/// <summary>What happened to one planned request. Every request ends with exactly one of these.</summary>
public enum RequestOutcome
{
    /// <summary>A body in the expected format with data; landed.</summary>
    Ok,

    /// <summary>A body in the expected format with no rows (no bars in the range); landed, silver handles it.</summary>
    EmptySeries,

    /// <summary>The same request had already landed for this ingest date; nothing was fetched.</summary>
    AlreadyLanded,

    /// <summary>The source does not know the symbol (Alpha Vantage "Error Message", Yahoo "Not Found", an empty overview).</summary>
    SymbolRejected,

    /// <summary>The daily request cap (the source's, or our own budget) is used up; the source stops for this run.</summary>
    DailyCapReached,

    /// <summary>Throttled (HTTP 429, Alpha Vantage's per-minute note) and still throttled after the retries.</summary>
    Throttled,

    /// <summary>The request needs a premium plan (for example Alpha Vantage's outputsize=full).</summary>
    PremiumOnly,

    /// <summary>The API key is missing or invalid; the source stops for this run.</summary>
    Unauthorized,

    /// <summary>The body is not in the expected format at all: an HTML page, plain text, an empty body.</summary>
    WrongFormat,

    /// <summary>The body starts in the expected format but is malformed or truncated.</summary>
    Malformed,

    /// <summary>A well-formed body that is not the answer asked for: another symbol, or an unknown message.</summary>
    UnexpectedContent,

    /// <summary>A client error status (4xx other than 408 and 429) without a more specific explanation.</summary>
    HttpError,

    /// <summary>A server error status (5xx), still failing after the retries.</summary>
    ServerError,

    /// <summary>No complete answer within the per-request timeout, after the retries.</summary>
    Timeout,

    /// <summary>The connection failed or broke off (or a local file could not be read), after the retries.</summary>
    NetworkError,

    /// <summary>Not attempted because the source had stopped earlier in the run (daily cap, bad key); the next run resumes it.</summary>
    Skipped,
}
