namespace StockLakehouse.Extractor.Classification;

/// <summary>The rules attached to each <see cref="RequestOutcome"/>: what lands, what is retried, what stops a source.</summary>
public static class RequestOutcomes
{
    /// <summary>True when the body is landed as data.</summary>
    public static bool Lands(this RequestOutcome outcome) => outcome is RequestOutcome.Ok or RequestOutcome.EmptySeries;

    /// <summary>
    /// True for transient failures worth another attempt within the run: throttling, 5xx, timeouts, broken
    /// connections, and a success status whose body is cut short (<see cref="RequestOutcome.Malformed"/>) or is not
    /// the format at all (<see cref="RequestOutcome.WrongFormat"/>: an HTML "Will be right back" page, an empty body),
    /// which is how a front end answers while the service behind it is down. An error status never reaches these two
    /// (it is <see cref="RequestOutcome.HttpError"/> or a 5xx), and file-based sources are not retried at all.
    /// </summary>
    public static bool IsRetryable(this RequestOutcome outcome) =>
        outcome is RequestOutcome.Throttled or RequestOutcome.ServerError or RequestOutcome.Timeout or RequestOutcome.NetworkError
            or RequestOutcome.Malformed or RequestOutcome.WrongFormat;

    /// <summary>True when every further request to the source would fail the same way, so the source stops for the run.</summary>
    public static bool StopsSource(this RequestOutcome outcome) => outcome is RequestOutcome.DailyCapReached or RequestOutcome.Unauthorized;

    /// <summary>True when the request obtained nothing it should have: everything but landed and already-landed.</summary>
    public static bool IsFailure(this RequestOutcome outcome) => !outcome.Lands() && outcome != RequestOutcome.AlreadyLanded;

    /// <summary>The outcome's stable snake_case name, as written in run manifests.</summary>
    public static string ToSnakeCase(this RequestOutcome outcome) => outcome switch
    {
        RequestOutcome.Ok => "ok",
        RequestOutcome.EmptySeries => "empty_series",
        RequestOutcome.AlreadyLanded => "already_landed",
        RequestOutcome.SymbolRejected => "symbol_rejected",
        RequestOutcome.DailyCapReached => "daily_cap_reached",
        RequestOutcome.Throttled => "throttled",
        RequestOutcome.PremiumOnly => "premium_only",
        RequestOutcome.Unauthorized => "unauthorized",
        RequestOutcome.WrongFormat => "wrong_format",
        RequestOutcome.Malformed => "malformed",
        RequestOutcome.UnexpectedContent => "unexpected_content",
        RequestOutcome.HttpError => "http_error",
        RequestOutcome.ServerError => "server_error",
        RequestOutcome.Timeout => "timeout",
        RequestOutcome.NetworkError => "network_error",
        RequestOutcome.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown request outcome."),
    };
}
