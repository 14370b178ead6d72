using StockLakehouse.Extractor.Classification;
using StockLakehouse.Extractor.Sources;

namespace StockLakehouse.Extractor.Fetching;

/// <summary>
/// The end of one request's fetching: the verdict on the last answer, that answer (null when none came:
/// timeout, broken connection, not attempted) and how many attempts were sent.
/// </summary>
internal sealed record FetchResult(ResponseVerdict Verdict, SourceResponse? Response, int Attempts)
{
    public static FetchResult NotSent(RequestOutcome outcome, string detail) => new(new ResponseVerdict(outcome, detail), null, 0);
}
