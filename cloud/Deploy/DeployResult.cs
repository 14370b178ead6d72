using StockLakehouse.Cloud.BigQuery;
using StockLakehouse.Core.Checks;

namespace StockLakehouse.Cloud.Deploy;

/// <summary>What a deploy did: objects uploaded (and raw objects the bucket already had), tables created, batches run, tables loaded, and the checks' outcomes.</summary>
public sealed record DeployResult(
    int Uploaded,
    int AlreadyInBucket,
    IReadOnlyList<string> TablesCreated,
    IReadOnlyList<string> Batches,
    IReadOnlyList<BigQueryLoadResult> Loads,
    IReadOnlyList<CheckResult> Checks)
{
    public IReadOnlyList<CheckResult> Failures => Checks.Where(c => !c.Passed).ToArray();
}
