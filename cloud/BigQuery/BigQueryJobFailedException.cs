using System.Text;

namespace StockLakehouse.Cloud.BigQuery;

/// <summary>
/// A BigQuery job finished with <c>status.errorResult</c>. The message carries BigQuery's own words: the
/// error result first, then every other reported error, each with its reason and location.
/// </summary>
public sealed class BigQueryJobFailedException : Exception
{
    public BigQueryJobFailedException(BigQueryJob job)
        : base(Describe(job))
    {
        Job = job.Reference;
        ErrorResult = job.ErrorResult!;
        Errors = job.Errors;
    }

    public BigQueryJobReference Job { get; }

    public BigQueryError ErrorResult { get; }

    public IReadOnlyList<BigQueryError> Errors { get; }

    private static string Describe(BigQueryJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.ErrorResult is null)
        {
            throw new ArgumentException($"BigQuery job {job.Reference.JobId} has no errorResult, so it did not fail.", nameof(job));
        }

        var text = new StringBuilder($"BigQuery job {job.Reference.JobId} failed: {job.ErrorResult}");
        foreach (var error in job.Errors.Where(e => e != job.ErrorResult))
        {
            text.Append("\n  ").Append(error);
        }

        return text.ToString();
    }
}
