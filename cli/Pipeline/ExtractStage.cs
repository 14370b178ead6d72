using System.Globalization;
using Serilog;
using StockLakehouse.Cli.Options;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Progress;
using StockLakehouse.Extractor.Catalog;
using StockLakehouse.Extractor.Classification;
using StockLakehouse.Extractor.Jobs;
using StockLakehouse.Extractor.Planning;
using StockLakehouse.Extractor.State;

namespace StockLakehouse.Cli.Pipeline;

/// <summary>
/// The extract stage: plans each source's requests (backfill or daily from the watermarks), runs them, and turns
/// the reports into the manifest's record — every request with its outcome, every symbol not requested and why,
/// and why a source stopped early. A cancelled extract still hands over the record of what had landed.
/// </summary>
internal sealed class ExtractStage
{
    private readonly CommonSettings _options;
    private readonly ExtractSettings _extract;
    private readonly IObjectStore _store;
    private readonly ILogger _log;
    private readonly TimeProvider _clock;

    public ExtractStage(CommonSettings options, ExtractSettings extract, IObjectStore store, ILogger log, TimeProvider clock)
    {
        _options = options;
        _extract = extract;
        _store = store;
        _log = log;
        _clock = clock;
    }

    /// <summary>
    /// Runs every source in turn; on cancellation or an error <paramref name="cancelled"/> receives the record of what
    /// had landed, then the cancellation or error propagates.
    /// </summary>
    public async Task<StageRecord> RunAsync(
        IReadOnlyList<ExtractSource> sources,
        DateTimeOffset started,
        IProgress<StageProgress>? progress,
        Action<StageRecord> cancelled,
        CancellationToken cancellationToken)
    {
        var planner = new ExtractPlanner(NyseCalendar.Instance, new WatermarkStore(_store));
        var reports = new List<(ExtractSource Source, DateOnly IngestDate, ExtractReport Report)>();
        foreach (var source in sources)
        {
            var ingestDate = source.IngestDateFor(_options.End, _clock);
            var planOptions = new ExtractPlanOptions(_options.Symbols, _extract.Mode, _options.Start, _options.End, ingestDate)
            {
                LookbackTradingDays = _extract.LookbackTradingDays,
                Parallelism = _options.Parallelism,
            };
            var plan = await planner.PlanAsync(source, planOptions, cancellationToken).ConfigureAwait(false);
            _log.Information(
                "Extract from {Source}: {Requests} requests, {NotRequested} symbols not requested, landing under ingest date {IngestDate}",
                source.Description,
                plan.Requests.Count,
                plan.NotRequested.Count,
                Iso(ingestDate));
            try
            {
                var report = await new ExtractJob(source, _store, _log).RunAsync(plan, progress, cancellationToken).ConfigureAwait(false);
                reports.Add((source, ingestDate, report));
                LogProblems(source, report);
            }
            catch (Exception e) when (e is IPartialExtract ended)
            {
                reports.Add((source, ingestDate, ended.Partial));
                cancelled(Record(started, reports));
                throw;
            }
        }

        return Record(started, reports);
    }

    /// <summary>Whether any request of the record landed nothing (its failures are the record's rejects).</summary>
    public static bool IsIncomplete(StageRecord record) => record.Rejects.Values.Sum() > 0;

    private void LogProblems(ExtractSource source, ExtractReport report)
    {
        foreach (var failure in report.Failures)
        {
            _log.Warning("Extract of {Symbol} from {Source}/{Dataset}: {Outcome}. {Reason}", failure.Symbol, source.Name, source.Dataset, failure.Outcome, failure.Reason);
        }

        if (report.StoppedReason is { } stopped)
        {
            _log.Warning("Source {Source} stopped for this run: {Reason} The next run resumes what did not land.", source.Name, stopped);
        }
    }

    private StageRecord Record(DateTimeOffset started, List<(ExtractSource Source, DateOnly IngestDate, ExtractReport Report)> reports)
    {
        var rejects = reports
            .SelectMany(r => r.Report.Failures)
            .GroupBy(f => f.Outcome.ToSnakeCase())
            .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        var details = new Dictionary<string, object>
        {
            ["mode"] = _extract.Mode.ToString().ToLowerInvariant(),
            ["lookback_trading_days"] = _extract.LookbackTradingDays,
            ["landed"] = reports.Sum(r => r.Report.Landed),
            ["already_present"] = reports.Sum(r => r.Report.AlreadyPresent),
            ["bytes_landed"] = reports.Sum(r => r.Report.BytesLanded),
            ["sources"] = reports.Select(r => Describe(r.Source, r.IngestDate, r.Report)).ToArray(),
        };
        return new StageRecord(PipelineStage.Extract, started, 0, reports.Sum(r => (long)r.Report.Requested), reports.Sum(r => (long)r.Report.Landed), rejects, details);
    }

    private static ExtractSourceRecord Describe(ExtractSource source, DateOnly ingestDate, ExtractReport report) => new(
        source.Name,
        source.Dataset,
        source.Description,
        Iso(ingestDate),
        report.Requested,
        report.Landed,
        report.AlreadyPresent,
        report.BytesLanded,
        report.Attempts,
        report.BarsAfterEnd,
        report.StoppedReason,
        report.Outcomes,
        report.NotRequested.Select(n => new NotRequestedRecord(n.Symbol, n.Reason)).ToArray(),
        report.Requests.Select(r => new RequestRecord(r.Symbol, Iso(r.From), Iso(r.To), r.OutcomeName, r.Detail, r.Attempts, r.ObjectKey, r.BarsAfterEnd)).ToArray());

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
