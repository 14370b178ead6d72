using StockLakehouse.Core.Checks;

namespace StockLakehouse.Cloud.BigQuery;

/// <summary>
/// One data-quality check in GoogleSQL: <see cref="ViolationsSql"/> selects the offending rows and
/// <see cref="CountSql"/> counts them (<c>SELECT COUNT(*) AS violations FROM (…)</c>), 0 meaning it passed.
/// </summary>
public sealed record BigQueryCheck(string Table, string Name, string Description, string ViolationsSql)
{
    public string CountSql => CheckResult.CountSql(ViolationsSql);
}
