using StockLakehouse.Extractor.Classification;
using StockLakehouse.Extractor.Landing;
using StockLakehouse.Extractor.Sources;

namespace StockLakehouse.Extractor.Jobs;

/// <summary>
/// A request after locating and fetching: its key for today, where it was found, its report so far, and the
/// response to land with its verdict (both null when there is nothing to land).
/// </summary>
internal sealed record FetchedRequest(
    RawRequest Request,
    string TodayKey,
    RawTarget Target,
    RequestReport Report,
    SourceResponse? Response,
    ResponseVerdict? Verdict);
