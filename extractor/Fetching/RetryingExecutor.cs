using Serilog;
using StockLakehouse.Extractor.Classification;
using StockLakehouse.Extractor.Sources;

namespace StockLakehouse.Extractor.Fetching;

/// <summary>
/// Retries transient outcomes (<see cref="RequestOutcomes.IsRetryable"/>) as <see cref="HttpRequestPolicy"/>
/// says: bounded attempts, Retry-After honoured, otherwise exponential backoff with full jitter, so that many
/// throttled workers do not come back in lockstep; waits run on the injected clock. The last verdict is returned with
/// the attempts summed.
/// </summary>
internal sealed class RetryingExecutor : IRequestExecutor
{
    private readonly IRequestExecutor _inner;
    private readonly HttpRequestPolicy _policy;
    private readonly TimeProvider _clock;
    private readonly Func<double> _random;
    private readonly ILogger _log;
    private readonly string _source;

    public RetryingExecutor(IRequestExecutor inner, HttpRequestPolicy policy, TimeProvider clock, Func<double> random, ILogger log, string source)
    {
        _inner = inner;
        _policy = policy.Validate();
        _clock = clock;
        _random = random;
        _log = log;
        _source = source;
    }

    public async Task<FetchResult> ExecuteAsync(RawRequest request, CancellationToken cancellationToken)
    {
        var attempts = 0;
        for (var attempt = 1; ; attempt++)
        {
            var result = await _inner.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
            attempts += result.Attempts;
            var outcome = result.Verdict.Outcome;
            if (!outcome.IsRetryable() || attempt >= _policy.MaxAttempts)
            {
                return result with { Attempts = attempts };
            }

            var delay = _policy.DelayBeforeRetry(attempt, result.Verdict.RetryAfter, _random());
            if (delay is null)
            {
                var verdict = result.Verdict with
                {
                    Detail = $"{result.Verdict.Detail} The source asked to wait {result.Verdict.RetryAfter!.Value.TotalSeconds:0} s, longer than the {_policy.MaxRetryAfter.TotalSeconds:0} s this run waits; the next run retries.",
                };
                return result with { Verdict = verdict, Attempts = attempts };
            }

            _log.Information(
                "{Source} {Symbol}: {Outcome} on attempt {Attempt} of {MaxAttempts}; retrying in {DelayMs} ms",
                _source,
                request.Subject,
                outcome.ToSnakeCase(),
                attempt,
                _policy.MaxAttempts,
                (long)delay.Value.TotalMilliseconds);
            await Task.Delay(delay.Value, _clock, cancellationToken).ConfigureAwait(false);
        }
    }
}
