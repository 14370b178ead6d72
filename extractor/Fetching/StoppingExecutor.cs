using Serilog;
using StockLakehouse.Extractor.Classification;
using StockLakehouse.Extractor.Sources;

namespace StockLakehouse.Extractor.Fetching;

/// <summary>
/// Stops a source for the rest of the run once an answer shows every further request would fail the same way
/// (<see cref="RequestOutcomes.StopsSource"/>: the daily cap, a rejected key). Later requests are not sent and
/// end <see cref="RequestOutcome.Skipped"/>; since nothing landed for them, the next run fetches them.
/// Placed after the retries, it also stops the source when a request is still throttled once every attempt is
/// spent (Alpha Vantage's per-minute note, a 429 that outlasts the backoff): asking again would only be refused.
/// </summary>
internal sealed class StoppingExecutor : IRequestExecutor
{
    private readonly IRequestExecutor _inner;
    private readonly SourceStop _stop;
    private readonly ILogger _log;
    private readonly string _source;
    private readonly int? _maxAttempts;

    /// <param name="maxAttempts">
    /// Given when this executor wraps the retries: a request still <see cref="RequestOutcome.Throttled"/> after that
    /// many attempts stops the source too. One that gave up earlier (a Retry-After longer than the run will wait) does not.
    /// </param>
    public StoppingExecutor(IRequestExecutor inner, SourceStop stop, ILogger log, string source, int? maxAttempts = null)
    {
        _inner = inner;
        _stop = stop;
        _log = log;
        _source = source;
        _maxAttempts = maxAttempts;
    }

    public async Task<FetchResult> ExecuteAsync(RawRequest request, CancellationToken cancellationToken)
    {
        if (_stop.Reason is { } stopped)
        {
            return FetchResult.NotSent(RequestOutcome.Skipped, $"Not sent: {_source} stopped earlier in this run. {stopped}");
        }

        var result = await _inner.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
        var stops = result.Verdict.Outcome.StopsSource()
            || _maxAttempts is { } max && result.Verdict.Outcome == RequestOutcome.Throttled && result.Attempts >= max;
        if (stops && _stop.Trip(result.Verdict.Detail))
        {
            _log.Warning(
                "{Source} stops for the rest of this run after {Symbol}: {Outcome}. {Detail}",
                _source,
                request.Subject,
                result.Verdict.Outcome.ToSnakeCase(),
                result.Verdict.Detail);
        }

        return result;
    }
}
