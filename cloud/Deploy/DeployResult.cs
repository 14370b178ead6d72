using StockLakehouse.Core.Checks;
using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Cloud.Deploy;

/// <summary>What a deploy did: objects uploaded (and raw objects the bucket already had), tables created, batches run, tables loaded, and the checks' outcomes.</summary>
public sealed record DeployResult(
    int Uploaded,
    int AlreadyInBucket,
    IReadOnlyList<string> TablesCreated,
    IReadOnlyList<string> Batches,
    IReadOnlyList<LoadResult> Loads,
    IReadOnlyList<CheckResult> Checks)
{
    public IReadOnlyList<CheckResult> Failures => Checks.Where(c => !c.Passed).ToArray();
}
