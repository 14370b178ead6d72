using StockLakehouse.Extractor.Sources;

namespace StockLakehouse.Extractor.Fetching;

/// <summary>
/// Fetches and classifies one request. Behaviour — timeouts, rate limits, retries, stopping a capped source —
/// is added by wrapping one executor in another, never by flags; expected failures come back as a verdict,
/// and only cancellation of the caller's token throws.
/// </summary>
internal interface IRequestExecutor
{
    Task<FetchResult> ExecuteAsync(RawRequest request, CancellationToken cancellationToken);
}
