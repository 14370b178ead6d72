using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Progress;
using StockLakehouse.Extractor.Landing;
using StockLakehouse.Extractor.Sources;

namespace StockLakehouse.Extractor.Jobs;

/// <summary>
/// Fetches each symbol's bars from a chart source and lands them raw. A request whose object already
/// landed (same request, same ingest date) is not fetched again, so a rerun after a crash fetches and
/// lands only what is missing.
/// </summary>
public sealed class ExtractJob
{
    private readonly IChartSource _source;
    private readonly RawLander _lander;

    public ExtractJob(IChartSource source, IObjectStore store)
    {
        _source = source;
        _lander = new RawLander(store);
    }

    public async Task<ExtractReport> RunAsync(ExtractRequest request, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.To < request.From)
        {
            throw new ArgumentException($"The extract ends on {request.To:yyyy-MM-dd}, before it starts on {request.From:yyyy-MM-dd}.", nameof(request));
        }

        int landed = 0, present = 0, done = 0;
        long bytes = 0;
        var failures = new System.Collections.Concurrent.ConcurrentBag<ExtractFailure>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, request.Parallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(request.Symbols, options, async (symbol, ct) =>
        {
            var key = RawLander.KeyFor(_source.Name, _source.Dataset, symbol.Value, request.From, request.To, request.IngestDate);
            if (await _lander.IsLandedAsync(key, ct).ConfigureAwait(false))
            {
                Interlocked.Increment(ref present);
            }
            else
            {
                var response = await _source.FetchAsync(symbol, request.From, request.To, ct).ConfigureAwait(false);
                if (response.Status is < 200 or >= 300)
                {
                    failures.Add(new ExtractFailure(symbol.Value, $"HTTP {response.Status} from {response.Url}"));
                }
                else
                {
                    var outcome = await _lander.LandAsync(key, _source.Name, _source.Dataset, symbol.Value, request.From, request.To, response, ct).ConfigureAwait(false);
                    if (outcome == LandingOutcome.Landed)
                    {
                        Interlocked.Increment(ref landed);
                        Interlocked.Add(ref bytes, response.Body.Length);
                    }
                    else
                    {
                        Interlocked.Increment(ref present);
                    }
                }
            }

            progress?.Report(new StageProgress("extract", Interlocked.Increment(ref done), request.Symbols.Count));
        }).ConfigureAwait(false);

        return new ExtractReport(request.Symbols.Count, landed, present, bytes, failures.OrderBy(f => f.Symbol, StringComparer.Ordinal).ToArray());
    }
}
