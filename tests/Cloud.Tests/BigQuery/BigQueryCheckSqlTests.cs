using System.Text.RegularExpressions;
using StockLakehouse.Core.Checks;

namespace StockLakehouse.Cloud.Tests.BigQuery;

public sealed class BigQueryCheckSqlTests
{
    private static readonly BigQueryDataset Dataset = new("proj", "ds");
    private static readonly DateOnly Expected = new(2025, 12, 31);

    [Fact]
    public void For_GoldTables_AreExactlyTheChecksOfTheLocalWarehouse()
    {
        var local = Catalogs.Gold.SelectMany(t => CheckSql.For(t, Expected)).Select(c => $"{c.Table}.{c.Name}").ToArray();

        var remote = BigQueryCheckSql.For(Catalogs.Gold, Dataset, Relations(), Expected).Select(c => $"{c.Table}.{c.Name}").ToArray();

        Assert.Equal(local, remote);
        Assert.Contains("fact_stock_price.key_unique", remote);
        Assert.Contains("fact_stock_price.fresh", remote);
    }

    [Fact]
    public void For_EveryCheck_UsesBackticksAndDatasetQualifiedTables()
    {
        foreach (var check in BigQueryCheckSql.For(Catalogs.Gold, Dataset, Relations(), Expected))
        {
            Assert.DoesNotContain("\"", check.ViolationsSql, StringComparison.Ordinal);
            foreach (Match match in Regex.Matches(check.ViolationsSql, @"(?<!EXTRACT\(\w+\s)\b(?:FROM|JOIN)\s+(`[^`]+`|\S+)"))
            {
                var relation = match.Groups[1].Value;
                Assert.True(relation.StartsWith("`proj.ds.", StringComparison.Ordinal) || relation.StartsWith('('), $"{check.Table}.{check.Name} reads '{relation}' unqualified: {check.ViolationsSql}");
            }
        }
    }

    [Fact]
    public void For_Relationship_ReadsTheReferencedTableOfTheDataset()
    {
        var check = BigQueryCheckSql.For([Catalogs.Table("fact_stock_price")], Dataset, Relations(), Expected).Single(c => c.Name == "trade_date_is_trading_day");

        Assert.Equal(
            "SELECT * FROM `proj.ds.fact_stock_price` WHERE `date_key` IS NOT NULL AND `date_key` NOT IN (SELECT `date_key` FROM `proj.ds.dim_date` WHERE (is_trading_day) AND `date_key` IS NOT NULL)",
            check.ViolationsSql);
    }

    [Fact]
    public void CountSql_Check_CountsTheViolatingRows()
    {
        var check = new BigQueryCheck("t", "n", "d", "SELECT * FROM x WHERE y");

        Assert.Equal("SELECT COUNT(*) AS violations FROM (SELECT * FROM x WHERE y) AS violating_rows", check.CountSql);
    }

    [Fact]
    public void ForRunDate_Freshness_ExpectsTheLastTradingDayFromDimDate()
    {
        var fresh = BigQueryCheckSql.ForRunDate([Catalogs.Table("fact_stock_price")], BigQueryDataset.Templated, Relations(), "{{ ds }}").Single(c => c.Name == "fresh");

        var expected = "(SELECT MAX(`full_date`) FROM `{{ params.project }}.{{ params.dataset }}.dim_date` WHERE `is_trading_day` AND `full_date` <= DATE '{{ ds }}')";
        Assert.Equal(
            $"SELECT MAX(`trade_date`) AS latest, {expected} AS expected FROM `{{{{ params.project }}}}.{{{{ params.dataset }}}}.fact_stock_price` HAVING MAX(`trade_date`) IS NULL OR MAX(`trade_date`) < {expected}",
            fresh.ViolationsSql);
        Assert.EndsWith("Expected the last trading day on or before {{ ds }}.", fresh.Description, StringComparison.Ordinal);
    }

    private static IReadOnlyList<string> Relations() => BigQueryMartSql.Relations(Catalogs.Schemas, Catalogs.Marts);
}
