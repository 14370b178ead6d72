using StockLakehouse.Cloud.BigQuery;

namespace StockLakehouse.Cloud.Deploy;

/// <summary>
/// Everything a deploy of one date uploads, creates and submits, computed before anything is done, so
/// <c>--dry-run</c> prints exactly what a real run would do.
/// </summary>
public sealed record DeployPlan(
    DeployOptions Options,
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
