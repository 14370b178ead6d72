using StockLakehouse.Extractor.Catalog;
using StockLakehouse.Extractor.Classification;
using StockLakehouse.Extractor.Planning;

namespace StockLakehouse.Extractor.Jobs;

/// <summary>Sums request reports into an <see cref="ExtractReport"/>.</summary>
internal static class ExtractReports
{
    public static ExtractReport Summarise(ExtractSource source, ExtractPlan plan, IEnumerable<RequestReport> finished)
    {
        var requests = finished
            .OrderBy(r => r.Symbol, StringComparer.Ordinal)
            .ThenBy(r => r.From)
            .ThenBy(r => r.To)
            .ToArray();
        var failures = requests
            .Where(r => r.Outcome.IsFailure())
            .Select(r => new ExtractFailure(r.Symbol, r.Detail) { Outcome = r.Outcome })
            .ToArray();
        var outcomes = requests
            .GroupBy(r => r.Outcome)
            .OrderBy(g => g.Key)
            .ToDictionary(g => g.Key.ToSnakeCase(), g => g.Count(), StringComparer.Ordinal);
        return new ExtractReport(
            plan.Requests.Count,
            requests.Count(r => r.Outcome.Lands()),
            requests.Count(r => r.Outcome == RequestOutcome.AlreadyLanded),
            requests.Sum(r => r.BytesLanded),
            failures)
        {
            Source = source.Name,
            Dataset = source.Dataset,
            Outcomes = outcomes,
            Requests = requests,
            NotRequested = plan.NotRequested,
            BarsAfterEnd = requests.Sum(r => r.BarsAfterEnd),
            StoppedReason = source.StoppedReason,
            Attempts = requests.Sum(r => r.Attempts),
        };
    }
}
