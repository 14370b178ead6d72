using System.Globalization;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Transport;
using StockLakehouse.Extractor.Sources;

namespace StockLakehouse.Extractor.Classification;

/// <summary>
/// The classification every source shares: transient HTTP statuses first (<see cref="TransientFaults"/>: 429,
/// 408, 5xx), then the body as
/// the format's reader sees it (the source's own messages win over the status, since Yahoo answers an
/// unknown symbol with 404 and a chart.error body), then checks against the request: the symbol the body
/// is for, whether it is empty, and bars after the requested end, which are counted but still landed.
/// </summary>
internal sealed class ResponseClassifier : IResponseClassifier
{
    private readonly IPayloadReader _reader;

    public ResponseClassifier(IPayloadReader reader)
    {
        _reader = reader;
    }

    public ResponseVerdict Classify(RawRequest request, SourceResponse response) => Classify(request, response, reading: null);

    /// <summary>
    /// As <see cref="Classify(RawRequest, SourceResponse)"/>, with the body already read by this classifier's reader
    /// (<paramref name="reading"/>, which must be of <paramref name="response"/>'s body) or read here when null.
    /// </summary>
    public ResponseVerdict Classify(RawRequest request, SourceResponse response, PayloadReading? reading)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        var status = response.Status;
        if (TransientFaults.IsTransientStatus(status))
        {
            return status switch
            {
                429 => new ResponseVerdict(RequestOutcome.Throttled, $"HTTP 429 Too Many Requests from {response.Url}.") { RetryAfter = response.RetryAfter },
                408 => new ResponseVerdict(RequestOutcome.Timeout, $"HTTP 408 Request Timeout from {response.Url}."),
                _ => new ResponseVerdict(RequestOutcome.ServerError, $"HTTP {status} from {response.Url}.") { RetryAfter = response.RetryAfter },
            };
        }

        var successful = status is >= 200 and < 300;
        reading ??= _reader.Read(response.Body);
        if (!reading.IsReadable)
        {
            return successful || IsSourceMessage(reading.Rejection.Outcome)
                ? reading.Rejection
                : new ResponseVerdict(RequestOutcome.HttpError, $"HTTP {status} from {response.Url}: {reading.Rejection.Detail}");
        }

        if (!successful)
        {
            return new ResponseVerdict(RequestOutcome.HttpError, $"HTTP {status} from {response.Url} with a {_reader.FormatName} body.");
        }

        var summary = reading.Summary;
        if (request.IsForSymbol && summary.Symbol is not null && Normalize(summary.Symbol) != Normalize(request.Subject))
        {
            return new ResponseVerdict(RequestOutcome.UnexpectedContent, $"The answer is for '{summary.Symbol}', not {request.Subject}.");
        }

        var afterEnd = 0;
        DateOnly? last = null;
        foreach (var date in summary.Dates)
        {
            if (date > request.To)
            {
                afterEnd++;
            }
            else if (last is null || date > last)
            {
                last = date;
            }
        }

        if (summary.Rows == 0)
        {
            return new ResponseVerdict(RequestOutcome.EmptySeries, $"A {_reader.FormatName} body with no rows.");
        }

        var detail = afterEnd == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{summary.Rows} rows.")
            : string.Create(CultureInfo.InvariantCulture, $"{summary.Rows} rows, {afterEnd} dated after the requested end {request.To:yyyy-MM-dd} (landed; silver quarantines them).");
        detail += CoverageNote(request, summary);
        return new ResponseVerdict(RequestOutcome.Ok, detail) { Rows = summary.Rows, BarsAfterEnd = afterEnd, LastDate = last };
    }

    /// <summary>
    /// A note when a symbol's series starts sessions after the requested start, so a short answer is visible in
    /// the manifest instead of passing for the whole range (Alpha Vantage's compact output holds only the last
    /// 100 sessions; a symbol may also have listed later).
    /// </summary>
    private string CoverageNote(RawRequest request, PayloadSummary summary)
    {
        if (!request.IsForSymbol || summary.Dates.Count == 0)
        {
            return string.Empty;
        }

        var first = summary.Dates.Min();
        var calendar = NyseCalendar.Instance;
        if (first <= request.From || first.Year < NyseCalendar.MinYear || request.From.Year < NyseCalendar.MinYear
            || calendar.CountTradingDays(request.From, first.AddDays(-1)) is not (> 0 and var missing))
        {
            return string.Empty;
        }

        var hint = _reader is AlphaVantageDailyReader
            ? " Alpha Vantage's compact output holds the last 100 sessions; --full-output (a premium feature) asks for the whole history."
            : " The symbol may have listed later.";
        return string.Create(CultureInfo.InvariantCulture, $" The series starts on {first:yyyy-MM-dd}, {missing} sessions after the requested start {request.From:yyyy-MM-dd}.{hint}");
    }

    /// <summary>Outcomes that describe the source's own well-formed message, which explains an error status better than the status.</summary>
    private static bool IsSourceMessage(RequestOutcome outcome) =>
        outcome is RequestOutcome.SymbolRejected or RequestOutcome.DailyCapReached or RequestOutcome.Throttled
            or RequestOutcome.PremiumOnly or RequestOutcome.Unauthorized;

    /// <summary>Yahoo spells class shares BRK-B, Alpha Vantage BRK.B: the same symbol.</summary>
    private static string Normalize(string symbol) => symbol.Trim().ToUpperInvariant().Replace('.', '-');
}
