using System.Text;
using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Cloud.Tests.BigQuery;

public sealed class BigQueryMergeSqlTests
{
    private static readonly BigQueryDataset Dataset = new("proj", "ds");

    [Fact]
    public void For_PartitionedTable_DeletesOnlyRowsOfThePartitionsInStaging()
    {
        var sql = BigQueryMergeSql.For(Catalogs.Table("fact_stock_price"), Dataset, "run1");

        Assert.Contains(
            "DELETE FROM `proj.ds.fact_stock_price` AS t\n"
            + "WHERE t.`symbol` IN (SELECT DISTINCT `symbol` FROM `proj.ds.fact_stock_price_staging_run1`)\n"
            + "  AND NOT EXISTS (SELECT 1 FROM `proj.ds.fact_stock_price_staging_run1` AS s WHERE t.`symbol` = s.`symbol` AND t.`trade_date` = s.`trade_date`);",
            sql,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ForPartitions_ChangedPartitions_FilterTheTargetOfTheDeleteAndTheMergeByThemAsConstants()
    {
        var sql = BigQueryMergeSql.ForPartitions(Catalogs.Table("fact_stock_price"), Dataset, "run1", ["KO", "PEP", "XOM"], new Dictionary<string, string?> { ["PEP"] = "md5:p", ["KO"] = "md5:k" });

        Assert.Contains(
            "DELETE FROM `proj.ds.fact_stock_price` AS t\n"
            + "WHERE t.`symbol` IN ('KO', 'PEP')\n"
            + "  AND t.`symbol` IN (SELECT DISTINCT `symbol` FROM `staged_partitions_fact_stock_price`)\n",
            sql,
            StringComparison.Ordinal);
        Assert.Contains(
            "ON t.`symbol` IN ('KO', 'PEP')\n  AND t.`symbol` = s.`symbol` AND t.`trade_date` = s.`trade_date`\n",
            sql,
            StringComparison.Ordinal);
    }

    /// <summary>
    /// A day on which every one of 5,000 symbols changed (issue 13's universe), bounded in two months, with gold's
    /// fingerprints (71 characters quoted) on the widest table: each batch's partitions are written out once, in a
    /// temporary table of its own, and the script stays within BigQuery's 1,024 K characters of query text. (Most of it
    /// is the new records, one row of literals per partition: past about 5,800 symbols a table's script no longer fits.)
    /// </summary>
    [Fact]
    public void ForPartitions_EverySymbolBounded_StaysWithinBigQuerysQueryLength()
    {
        var table = Catalogs.Table("fact_technical_indicator");
        var symbols = Enumerable.Range(0, 5_000).Select(i => $"S{i:D5}").ToArray();
        var staged = symbols.ToDictionary(s => s, s => (string?)("gold:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(s)))), StringComparer.Ordinal);
        var bounds = symbols.ToDictionary(s => s, s => s.EndsWith('7') ? new DateOnly(2025, 12, 30) : new DateOnly(2026, 1, 5), StringComparer.Ordinal);

        var records = symbols.ToDictionary(s => s, s => "gold:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(s + " before"))), StringComparer.Ordinal);

        var sql = BigQueryMergeSql.ForPartitions(table, Dataset, "run1", symbols, staged, bounds: bounds, boundedRecords: records);

        Assert.True(sql.Length < 1_024_000, $"The script has {sql.Length:N0} characters.");
        Assert.Contains("CREATE TEMP TABLE `staged_partitions_fact_technical_indicator_1` AS", sql, StringComparison.Ordinal);
        Assert.Contains("CREATE TEMP TABLE `staged_partitions_fact_technical_indicator_2` AS", sql, StringComparison.Ordinal);
        Assert.Contains("IN (SELECT `symbol` FROM `staged_partitions_fact_technical_indicator_2`)", sql, StringComparison.Ordinal);
    }

    /// <summary>
    /// Past <see cref="LoadSql.MaxPartitionFilterLength"/> characters of literals the statements go unfiltered (still
    /// scoped to the staged partitions by the temporary table), so the script stays within BigQuery's 1,024 K
    /// characters of query text.
    /// </summary>
    [Fact]
    public void ForPartitions_ChangedPartitionsPastTheFilterLimit_LeaveTheTargetUnfiltered()
    {
        var table = Catalogs.Table("fact_stock_price");
        var many = Enumerable.Range(0, 7_000).Select(i => $"S{i:D5}").ToDictionary(s => s, s => (string?)("md5:" + s), StringComparer.Ordinal);
        var few = many.Take(6_000).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

        var sql = BigQueryMergeSql.ForPartitions(table, Dataset, "run1", many.Keys, many);

        Assert.NotNull(LoadSql.PartitionFilter(table, few.Keys));
        Assert.Null(LoadSql.PartitionFilter(table, many.Keys));
        Assert.DoesNotContain("t.`symbol` IN ('", sql, StringComparison.Ordinal);
        Assert.Contains(
            "WHERE t.`symbol` IN (SELECT DISTINCT `symbol` FROM `staged_partitions_fact_stock_price`)\n  AND NOT EXISTS",
            sql,
            StringComparison.Ordinal);
        Assert.Contains("ON t.`symbol` = s.`symbol` AND t.`trade_date` = s.`trade_date`\n", sql, StringComparison.Ordinal);
        Assert.True(sql.Length < 1024 * 1024, $"The script has {sql.Length} characters.");
        Assert.Contains("t.`symbol` IN ('S00000', ", BigQueryMergeSql.ForPartitions(table, Dataset, "run1", few.Keys, few), StringComparison.Ordinal);
    }

    [Fact]
    public void PartitionFilter_TableWithoutALakePartition_IsNone() =>
        Assert.Null(LoadSql.PartitionFilter(Catalogs.Table("dim_exchange"), ["XNYS"]));

    [Fact]
    public void For_PartitionedTable_FirstDeletesTheSymbolsStagingTheWholeLakeNoLongerHas()
    {
        var sql = BigQueryMergeSql.For(Catalogs.Table("fact_stock_price"), Dataset, "run1");

        var reconcile = "DELETE FROM `proj.ds.fact_stock_price` AS t\n"
            + "WHERE t.`symbol` NOT IN (SELECT `symbol` FROM `proj.ds.fact_stock_price_staging_run1`);";
        Assert.Contains(reconcile, sql, StringComparison.Ordinal);
        Assert.True(sql.IndexOf("BEGIN TRANSACTION;", StringComparison.Ordinal) < sql.IndexOf(reconcile, StringComparison.Ordinal), "The reconcile runs inside the transaction.");
        Assert.True(sql.IndexOf(reconcile, StringComparison.Ordinal) < sql.IndexOf("MERGE INTO", StringComparison.Ordinal), sql);
    }

    [Fact]
    public void For_SingleFileTable_DeletesWhateverStagingNoLongerHas()
    {
        var sql = BigQueryMergeSql.For(Catalogs.Table("dim_exchange"), Dataset, "run1");

        Assert.Contains(
            "DELETE FROM `proj.ds.dim_exchange` AS t\nWHERE NOT EXISTS (SELECT 1 FROM `proj.ds.dim_exchange_staging_run1` AS s WHERE t.`exchange_key` = s.`exchange_key`);",
            sql,
            StringComparison.Ordinal);
    }

    [Fact]
    public void For_Table_UpdatesOnlyRowsWhoseNonKeyValuesChanged()
    {
        var table = Catalogs.Table("fact_stock_price");
        var sql = BigQueryMergeSql.For(table, Dataset, "run1");
        var nonKey = table.Fields.Select(f => f.Name).Except(table.Key).ToArray();

        Assert.Contains("ON t.`symbol` = s.`symbol` AND t.`trade_date` = s.`trade_date`\n", sql, StringComparison.Ordinal);
        foreach (var column in nonKey)
        {
            Assert.Contains($"t.`{column}` IS DISTINCT FROM s.`{column}`", sql, StringComparison.Ordinal);
            Assert.Contains($"`{column}` = s.`{column}`", sql, StringComparison.Ordinal);
        }

        foreach (var key in table.Key)
        {
            Assert.DoesNotContain($"t.`{key}` IS DISTINCT FROM", sql, StringComparison.Ordinal);
            Assert.DoesNotContain($"    `{key}` = s.`{key}`", sql, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void For_Table_InsertsNewKeysWithEveryColumnInSchemaOrder()
    {
        var table = Catalogs.Table("dim_date");
        var columns = string.Join(", ", table.Fields.Select(f => $"`{f.Name}`"));

        var sql = BigQueryMergeSql.For(table, Dataset, "run1");

        Assert.Contains($"WHEN NOT MATCHED THEN\n  INSERT ({columns})\n  VALUES ({string.Join(", ", table.Fields.Select(f => $"s.`{f.Name}`"))});", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void For_Table_DeletesAndMergesInOneTransaction()
    {
        var sql = BigQueryMergeSql.For(Catalogs.Table("dim_company"), Dataset, "run1");

        var begin = sql.IndexOf("BEGIN TRANSACTION;", StringComparison.Ordinal);
        var delete = sql.IndexOf("DELETE FROM", StringComparison.Ordinal);
        var merge = sql.IndexOf("MERGE INTO `proj.ds.dim_company` AS t", StringComparison.Ordinal);
        var commit = sql.IndexOf("COMMIT TRANSACTION;", StringComparison.Ordinal);
        Assert.True(begin >= 0 && begin < delete && delete < merge && merge < commit, sql);
    }

    [Fact]
    public void For_TwoRuns_MergeTheirOwnStagingTableAndGiveItAnExpiryBeforeTheTransaction()
    {
        var table = Catalogs.Table("fact_stock_price");

        var first = BigQueryMergeSql.For(table, Dataset, "run1");
        var second = BigQueryMergeSql.For(table, Dataset, "run2");

        Assert.DoesNotContain("_run2", first, StringComparison.Ordinal);
        Assert.DoesNotContain("_run1", second, StringComparison.Ordinal);
        var expiry = "ALTER TABLE `proj.ds.fact_stock_price_staging_run2` SET OPTIONS (expiration_timestamp = TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 7 DAY));";
        Assert.Contains(expiry, second, StringComparison.Ordinal);
        Assert.True(second.IndexOf(expiry, StringComparison.Ordinal) < second.IndexOf("BEGIN TRANSACTION;", StringComparison.Ordinal), "DDL stays outside the transaction.");
    }

    [Theory]
    [InlineData("run-1")]
    [InlineData("run 1")]
    [InlineData("")]
    public void StagingTableOf_TokenThatNoTableNameTakes_Throws(string run)
    {
        Assert.ThrowsAny<ArgumentException>(() => BigQueryDataset.StagingTableOf("fact_stock_price", run));
    }

    [Fact]
    public void For_TemplatedDataset_UsesTheExactJinjaPlaceholders()
    {
        var sql = BigQueryMergeSql.For(Catalogs.Table("fact_stock_price"), BigQueryDataset.Templated, "run1");

        Assert.Contains("USING `{{ params.project }}.{{ params.dataset }}.fact_stock_price_staging_run1` AS s", sql, StringComparison.Ordinal);
        Assert.Contains("MERGE INTO `{{ params.project }}.{{ params.dataset }}.fact_stock_price` AS t", sql, StringComparison.Ordinal);
    }
}
