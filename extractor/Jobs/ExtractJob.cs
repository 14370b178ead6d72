using System.Collections.Concurrent;
using Serilog;
using Serilog.Core;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Progress;
using StockLakehouse.Extractor.Catalog;
using StockLakehouse.Extractor.Classification;
using StockLakehouse.Extractor.Landing;
using StockLakehouse.Extractor.Planning;
using StockLakehouse.Extractor.Sources;
using StockLakehouse.Extractor.State;

namespace StockLakehouse.Extractor.Jobs;

/// <summary>
/// Runs a plan against one source: each request is fetched (through the source's limits, retries and
/// timeouts), classified, and landed raw when it is data; its watermark then moves forward. A request that
/// already landed (the same request on any ingest date, by its marker) is not fetched again, so a rerun after
/// a crash fetches and lands only what is missing. Every request ends with an outcome in the report.
/// </summary>
public sealed class ExtractJob
{
    /// <summary>
    /// Landings in flight per fetch slot. Requests are located and fetched <see cref="ExtractPlan.Parallelism"/> at a
    /// time, in the plan's order as before; each response in hand is then landed in the background while the next
    /// request is fetched, so a landing's waits on the disk (three flushes, then the watermark's) overlap the fetches.
    /// </summary>
    public const int LandingsPerFetch = 3;

    private readonly ExtractSource _source;
    private readonly RawLander _lander;
    private readonly WatermarkStore _watermarks;
    private readonly ILogger _log;

    /// <summary>A job over a chart source (the simulated market), its answers judged as Yahoo chart v8, without logging.</summary>
    public ExtractJob(IChartSource source, IObjectStore store)
        : this(ExtractSource.FromChartSource(source), store, Logger.None)
    {
    }

    public ExtractJob(ExtractSource source, IObjectStore store, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(store);
        _source = source;
        _lander = new RawLander(store);
        _watermarks = new WatermarkStore(store);
        _log = log ?? Logger.None;
    }

    /// <summary>Every symbol over the same range, as given (no calendar planning): the simulated default's extract.</summary>
    public Task<ExtractReport> RunAsync(ExtractRequest request, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.To < request.From)
        {
            throw new ArgumentException($"The extract ends on {request.To:yyyy-MM-dd}, before it starts on {request.From:yyyy-MM-dd}.", nameof(request));
        }

        var requests = request.Symbols.Select(s => new RawRequest(s.Value, request.From, request.To)).ToArray();
        return RunAsync(new ExtractPlan(requests, [], request.IngestDate, request.Parallelism), progress, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="plan"/>; on cancellation throws <see cref="ExtractCancelledException"/>, and on an error
    /// <see cref="ExtractFailedException"/>, with what had finished.
    /// </summary>
    public async Task<ExtractReport> RunAsync(ExtractPlan plan, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var finished = new ConcurrentQueue<RequestReport>();
        var done = 0;
        var fetchSlots = Math.Max(1, plan.Parallelism);
        using var landingSlots = new SemaphoreSlim(fetchSlots * LandingsPerFetch);
        using var landingFailed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var landings = new ConcurrentQueue<Task>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = fetchSlots, CancellationToken = landingFailed.Token };
        void Finish(RequestReport report)
        {
            finished.Enqueue(report);
            _log.Debug(
                "{Source}/{Dataset} {Symbol} {From}..{To}: {Outcome} after {Attempts} attempts. {Detail}",
                _source.Name,
                _source.Dataset,
                report.Symbol,
                report.From,
                report.To,
                report.OutcomeName,
                report.Attempts,
                report.Detail);
            progress?.Report(new StageProgress("extract", Interlocked.Increment(ref done), plan.Requests.Count));
        }

        async Task LandInBackgroundAsync(FetchedRequest fetched)
        {
            try
            {
                Finish(await LandAsync(fetched).ConfigureAwait(false));
            }
            catch
            {
                // Stop fetching: the error ends the run as it would have in the foreground.
                await landingFailed.CancelAsync().ConfigureAwait(false);
                throw;
            }
            finally
            {
                landingSlots.Release();
            }
        }

        try
        {
            try
            {
                await Parallel.ForEachAsync(plan.Requests, options, async (request, ct) =>
                {
                    var fetched = await FetchAsync(request, plan.IngestDate, ct).ConfigureAwait(false);
                    if (fetched.Response is null)
                    {
                        Finish(fetched.Report);
                        return;
                    }

                    // A response in hand has been paid for, so it is landed even when the run is being cancelled.
                    await landingSlots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                    landings.Enqueue(LandInBackgroundAsync(fetched));
                }).ConfigureAwait(false);
            }
            finally
            {
                // Whatever stopped the fetching, the responses in hand are landed before the run reports; a landing's
                // error is the run's error.
                await Task.WhenAll(landings).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            var partial = ExtractReports.Summarise(_source, plan, finished);
            _log.Warning(
                "{Source}/{Dataset} cancelled after {Finished} of {Requested} requests; {Landed} landed and are kept",
                _source.Name,
                _source.Dataset,
                finished.Count,
                plan.Requests.Count,
                partial.Landed);
            throw new ExtractCancelledException(partial, e);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            var partial = ExtractReports.Summarise(_source, plan, finished);
            _log.Error(
                e,
                "{Source}/{Dataset} failed after {Finished} of {Requested} requests; {Landed} landed and are kept",
                _source.Name,
                _source.Dataset,
                finished.Count,
                plan.Requests.Count,
                partial.Landed);
            throw new ExtractFailedException(partial, e);
        }

        var summary = ExtractReports.Summarise(_source, plan, finished);
        _log.Information(
            "{Source}/{Dataset}: {Requested} requests, {Landed} landed, {AlreadyPresent} already landed, {Failed} failed {Outcomes}",
            _source.Name,
            _source.Dataset,
            summary.Requested,
            summary.Landed,
            summary.AlreadyPresent,
            summary.Failures.Count,
            summary.Outcomes);
        return summary;
    }

    /// <summary>
    /// Locates and, unless it has landed, fetches and classifies <paramref name="request"/>: a finished report when
    /// there is nothing to land, or the response to land with the report so far.
    /// </summary>
    private async Task<FetchedRequest> FetchAsync(RawRequest request, DateOnly ingestDate, CancellationToken cancellationToken)
    {
        var today = RawLander.KeyFor(_source.Name, _source.Dataset, _source.Format, request, ingestDate);
        var target = await _lander.LocateAsync(_source.Name, _source.Dataset, request, today, cancellationToken).ConfigureAwait(false);
        if (target.Landed)
        {
            return new FetchedRequest(
                request,
                today,
                target,
                new RequestReport(request.Subject, request.From, request.To, RequestOutcome.AlreadyLanded, "Landed by an earlier run; not fetched.") { ObjectKey = target.Key },
                null,
                null);
        }

        if (target.Damage is { } damage)
        {
            _log.Warning("{Source}/{Dataset} {Symbol}: {Damage} Fetching it again to land under a new key", _source.Name, _source.Dataset, request.Subject, damage);
        }

        var result = await _source.Executor.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
        var verdict = result.Verdict;
        var report = new RequestReport(request.Subject, request.From, request.To, verdict.Outcome, verdict.Detail) { Attempts = result.Attempts };

        // Error bodies are recorded here, not landed: they are not data, and some echo the request's secrets.
        return verdict.Lands && result.Response is { } response
            ? new FetchedRequest(request, today, target, report, response, verdict)
            : new FetchedRequest(request, today, target, report, null, null);
    }

    /// <summary>Lands a fetched response and advances its watermark; the request's finished report.</summary>
    private async Task<RequestReport> LandAsync(FetchedRequest fetched)
    {
        var (request, today, target, report, response, verdict) = (fetched.Request, fetched.TodayKey, fetched.Target, fetched.Report, fetched.Response!, fetched.Verdict!);

        // A response in hand has been paid for (Alpha Vantage counts it against the day), so it is landed and
        // its watermark moved even when the run is being cancelled; both writes take milliseconds.
        var (landing, key) = await _lander.LandAsync(today, _source.Name, _source.Dataset, request, response, CancellationToken.None).ConfigureAwait(false);

        // The watermark only moves forward, so it is advanced whoever wrote the body: a run that died after landing
        // but before its watermark would otherwise leave daily mode starting over.
        if (request.IsForSymbol && verdict.LastDate is { } through)
        {
            await _watermarks.AdvanceAsync(new Watermark(_source.Name, _source.Dataset, request.Subject, through, key), CancellationToken.None).ConfigureAwait(false);
        }

        return landing switch
        {
            LandingOutcome.Landed => report with { ObjectKey = key, BytesLanded = response.Body.Length, BarsAfterEnd = verdict.BarsAfterEnd },
            LandingOutcome.Relanded => report with
            {
                Detail = $"{verdict.Detail} Landed again under a new key: {target.Damage ?? "an earlier landing was found damaged while landing."}",
                ObjectKey = key,
                BytesLanded = response.Body.Length,
                BarsAfterEnd = verdict.BarsAfterEnd,
            },
            LandingOutcome.AlreadyPresent => report with { Outcome = RequestOutcome.AlreadyLanded, Detail = "Landed concurrently by another writer; kept theirs.", ObjectKey = key },
            _ => report with { Outcome = RequestOutcome.AlreadyLanded, Detail = "Landed by a run that stopped before writing its metadata; the metadata is written now.", ObjectKey = key },
        };
    }
}
