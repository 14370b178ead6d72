using StockLakehouse.Cloud.BigQuery;

namespace StockLakehouse.Cloud.Deploy;

/// <summary>
/// Everything a deploy of one date uploads, creates and submits, computed before anything is done, so
/// <c>--dry-run</c> prints exactly what a real run would do.
/// </summary>
/// <param name="TailDeletes">
/// Silver and gold partition tails (<c>LakeLayout.TailFileName</c>) deleted from the bucket before the uploads, one per
/// uploaded partition: the uploads then bring back the tails the local lake has, and no tail of another day's split is
/// left beside an uploaded partition file.
/// </param>
public sealed record DeployPlan(
    DeployOptions Options,
    IReadOnlyList<string> TailDeletes,
    IReadOnlyList<PlannedUpload> Uploads,
    IReadOnlyList<PlannedBatch> Batches,
    IReadOnlyList<PlannedLoad> Loads,
    IReadOnlyList<(string Name, string Sql)> Marts,
    DateOnly ExpectedLatestTradeDate,
    IReadOnlyList<BigQueryCheck> Checks,
    LoadRecordSql LoadRecord)
{
    public BigQueryDataset Dataset => new(Options.Project, Options.Dataset);
}
