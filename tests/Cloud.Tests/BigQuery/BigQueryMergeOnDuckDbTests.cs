using StockLakehouse.Core.Warehouse;
using StockLakehouse.Warehouse;

namespace StockLakehouse.Cloud.Tests.BigQuery;

/// <summary>
/// The generated MERGE run, not just read: DuckDB speaks the statements it uses (a transaction, DELETE … NOT
/// EXISTS, MERGE with WHEN MATCHED AND … and WHEN NOT MATCHED), so the BigQuery text, with its
/// dataset-qualified backtick names turned into DuckDB's, is executed against staging and target tables built
/// from schemas/. Reloading the same lake changes nothing; a corrected value is updated; a bar staging no longer
/// has is deleted; and since the load job stages every partition file of the table, a symbol staging no longer has
/// left the lake and loses its rows.
/// </summary>
public sealed class BigQueryMergeOnDuckDbTests : IDisposable
{
    private const string Run = "run1";
    private readonly BigQueryOnDuckDb _duckDb = new();

    public BigQueryMergeOnDuckDbTests()
    {
        var table = Catalogs.Table("fact_stock_price");
        _duckDb.Create(table.Name);
        _duckDb.Create(BigQueryDataset.StagingTableOf(table.Name, Run), table);
        _duckDb.Create(LoadPartitionsSql.TableName, LoadPartitionsSql.Table);
    }

    public void Dispose() => _duckDb.Dispose();

    private void Stage(params (string Symbol, string Date, double Close)[] rows)
    {
        _duckDb.Connection.Execute("DELETE FROM fact_stock_price_staging_run1");
        foreach (var (symbol, date, close) in rows)
        {
            _duckDb.Connection.Execute("INSERT INTO fact_stock_price_staging_run1 (symbol, trade_date, close) VALUES ($1, $2, $3)", symbol, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), close);
        }
    }

    private void Merge()
    {
        // DuckDB has no table expiry: the script's first statement, BigQuery DDL, is left out here.
        var dataset = BigQueryOnDuckDb.Dataset;
        var sql = BigQueryMergeSql.For(Catalogs.Table("fact_stock_price"), dataset, Run)
            .Replace(BigQueryMergeSql.ExpireStaging(dataset.Table(BigQueryDataset.StagingTableOf("fact_stock_price", Run))), string.Empty, StringComparison.Ordinal);
        _duckDb.Connection.Execute(BigQueryOnDuckDb.Translate(sql));
    }

    /// <summary>Runs deploy's script (<see cref="BigQueryMergeSql.ForPartitions"/>), its expiry DDL left out as in <see cref="Merge"/>.</summary>
    private void MergePartitions(IReadOnlyCollection<string> lakePartitions, Dictionary<string, string?> staged, bool replaceRecords = false, Dictionary<string, DateOnly>? bounds = null, Dictionary<string, string>? boundedRecords = null)
    {
        var dataset = BigQueryOnDuckDb.Dataset;
        var sql = BigQueryMergeSql.ForPartitions(Catalogs.Table("fact_stock_price"), dataset, Run, lakePartitions, staged, replaceRecords, bounds, boundedRecords)
            .Replace(BigQueryMergeSql.ExpireStaging(dataset.Table(BigQueryDataset.StagingTableOf("fact_stock_price", Run))), string.Empty, StringComparison.Ordinal);
        _duckDb.Connection.Execute(BigQueryOnDuckDb.Translate(sql));
    }

    private string Records() =>
        _duckDb.Connection.Scalar<string>("SELECT string_agg(table_name || ' ' || partition_value || ' ' || fingerprint, ', ' ORDER BY table_name, partition_value) FROM load_partitions");

    private string Target() =>
        string.Join("; ", _duckDb.Connection.Query("SELECT symbol || ' ' || CAST(trade_date AS VARCHAR) || ' ' || CAST(close AS VARCHAR) AS row FROM fact_stock_price ORDER BY symbol, trade_date")
            .Get<Core.Tables.StringColumn>("row").Values);

    /// <summary>
    /// The shared delete and MERGE with a bound (<see cref="LoadSql.DeleteMissingFrom"/>, <see cref="LoadSql.MergeFrom"/>),
    /// translated for BigQuery, read the staged rows through a filtering subquery the translator qualifies, and leave the
    /// target's rows before the bound as they are, even where staging differs from them.
    /// </summary>
    [Fact]
    public void The_bounded_delete_and_merge_translated_for_BigQuery_leave_the_rows_before_the_bound_alone()
    {
        var table = Catalogs.Table("fact_stock_price");
        var staging = BigQueryDataset.StagingTableOf(table.Name, Run);
        Stage(("KO", "2025-01-02", 61.0), ("KO", "2025-01-03", 62.0), ("KO", "2025-01-06", 63.0));
        Merge();
        // Staging now differs on 01-02, before the bound, which must stay; from the bound on: 01-03 corrected, 01-06 gone, 01-07 new.
        Stage(("KO", "2025-01-02", 99.0), ("KO", "2025-01-03", 62.5), ("KO", "2025-01-07", 64.0));
        var translator = new BigQuerySqlTranslator(BigQueryOnDuckDb.Dataset, [table.Name, staging]);
        var since = new DateOnly(2025, 1, 3);

        foreach (var statement in new[] { LoadSql.DeleteMissingFrom(table, DuckDbSql.Identifier(staging), since: since), LoadSql.MergeFrom(table, DuckDbSql.Identifier(staging), ["KO"], since) })
        {
            var sql = translator.Translate(statement);
            Assert.Contains("(SELECT * FROM `proj.ds.fact_stock_price_staging_run1` WHERE `trade_date` >= DATE '2025-01-03') AS s", sql, StringComparison.Ordinal);
            Assert.Contains("t.`trade_date` >= DATE '2025-01-03'", sql, StringComparison.Ordinal);
            _duckDb.Connection.Execute(BigQueryOnDuckDb.Translate(sql));
        }

        Assert.Equal("KO 2025-01-02 61.0; KO 2025-01-03 62.5; KO 2025-01-07 64.0", Target());
    }

    [Fact]
    public void Merge_SameStagingTwice_ChangesNothing_ThenUpdatesInsertsAndDeletesWhatTheLakeNoLongerHas()
    {
        Stage(("KO", "2025-01-02", 61.0), ("KO", "2025-01-03", 62.0), ("PEP", "2025-01-02", 150.0));
        Merge();
        var first = Target();

        Merge();

        Assert.Equal("KO 2025-01-02 61.0; KO 2025-01-03 62.0; PEP 2025-01-02 150.0", first);
        Assert.Equal(first, Target());
        Assert.Equal(0L, _duckDb.Connection.Scalar<long>("SELECT count(*) FROM fact_stock_price t JOIN fact_stock_price_staging_run1 s USING (symbol, trade_date) WHERE t.close IS DISTINCT FROM s.close"));

        // KO reloaded: 01-02 corrected, 01-03 gone from the source, 01-06 new. PEP stays as it was.
        Stage(("KO", "2025-01-02", 61.5), ("KO", "2025-01-06", 63.0), ("PEP", "2025-01-02", 150.0));
        Merge();

        Assert.Equal("KO 2025-01-02 61.5; KO 2025-01-06 63.0; PEP 2025-01-02 150.0", Target());

        // PEP's partition left the lake, so the next load stages no PEP rows: they leave the warehouse too.
        Stage(("KO", "2025-01-02", 61.5), ("KO", "2025-01-06", 63.0));
        Merge();

        Assert.Equal("KO 2025-01-02 61.5; KO 2025-01-06 63.0", Target());
    }

    /// <summary>The DAGs' whole-table merge keeps no fingerprints, so it forgets the table's: deploy's next load then stages every file.</summary>
    [Fact]
    public void Merge_WholeTable_ForgetsTheTablesRecordedPartitionsOnly()
    {
        _duckDb.Connection.Execute("INSERT INTO load_partitions VALUES ('fact_stock_price', 'KO', 'md5:ko1'), ('other', 'KO', 'md5:other')");
        Stage(("KO", "2025-01-02", 61.0));

        Merge();

        Assert.Equal("other", _duckDb.Connection.Scalar<string>("SELECT string_agg(table_name, ',') FROM load_partitions"));
    }

    /// <summary>
    /// Deploy's script after staging only KO's changed file: XOM, which left the lake, loses its rows and its record;
    /// KO is merged (a corrected bar, a removed one, a new one) and its fingerprint recorded; PEP, not staged, keeps its
    /// rows and record untouched.
    /// </summary>
    [Fact]
    public void MergePartitions_OneStagedOneVanished_MergesTheStagedDeletesTheVanishedLeavesTheRest()
    {
        Stage(("KO", "2025-01-02", 61.0), ("KO", "2025-01-03", 62.0), ("PEP", "2025-01-02", 150.0), ("XOM", "2025-01-02", 110.0));
        Merge();
        _duckDb.Connection.Execute("INSERT INTO load_partitions VALUES ('fact_stock_price', 'KO', 'md5:ko1'), ('fact_stock_price', 'PEP', 'md5:pep1'), ('fact_stock_price', 'XOM', 'md5:xom1'), ('other', 'XOM', 'md5:other')");
        Stage(("KO", "2025-01-02", 61.5), ("KO", "2025-01-06", 63.0));

        MergePartitions(["KO", "PEP"], new Dictionary<string, string?> { ["KO"] = "md5:ko2" });

        Assert.Equal("KO 2025-01-02 61.5; KO 2025-01-06 63.0; PEP 2025-01-02 150.0", Target());
        Assert.Equal("fact_stock_price KO md5:ko2, fact_stock_price PEP md5:pep1, other XOM md5:other", Records());
    }

    /// <summary>
    /// Deploy's script with bounds: KO and PEP are known to differ only from 2025-01-06, AAPL from 2025-02-03 (another
    /// month, so another batch); MSFT is staged whole. Staging holds rows before the bounds that differ from the target —
    /// as a staged tail would not, but so that touching them shows — and those stay as they were; from each bound on, rows
    /// are corrected, deleted and inserted; MSFT is merged whole; XOM, not staged, is untouched by every batch, and no
    /// batch inserts or deletes another's rows.
    /// </summary>
    [Fact]
    public void MergePartitions_WithBounds_MergesEachBatchFromItsBoundAndLeavesEarlierRowsAndOtherPartitions()
    {
        Stage(
            ("AAPL", "2025-01-31", 200.0), ("AAPL", "2025-02-03", 201.0),
            ("KO", "2025-01-03", 61.0), ("KO", "2025-01-06", 62.0), ("KO", "2025-01-07", 63.0),
            ("MSFT", "2025-01-03", 400.0), ("MSFT", "2025-01-06", 401.0),
            ("PEP", "2025-01-03", 150.0),
            ("XOM", "2025-01-06", 110.0));
        Merge();
        Stage(
            ("AAPL", "2025-01-31", 999.0), ("AAPL", "2025-02-03", 202.0), ("AAPL", "2025-02-04", 203.0),
            ("KO", "2025-01-03", 999.0), ("KO", "2025-01-06", 62.5), ("KO", "2025-01-08", 64.0),
            ("MSFT", "2025-01-06", 401.5),
            ("PEP", "2025-01-03", 999.0), ("PEP", "2025-01-06", 151.0));
        var staged = new Dictionary<string, string?> { ["AAPL"] = "gold:a2", ["KO"] = "gold:k2", ["MSFT"] = "md5:m2", ["PEP"] = "gold:p2" };
        var bounds = new Dictionary<string, DateOnly> { ["AAPL"] = new(2025, 2, 3), ["KO"] = new(2025, 1, 6), ["PEP"] = new(2025, 1, 7) };
        var records = new Dictionary<string, string> { ["AAPL"] = "gold:a1", ["KO"] = "gold:k1", ["PEP"] = "gold:p1" };
        _duckDb.Connection.Execute("INSERT INTO load_partitions VALUES ('fact_stock_price', 'AAPL', 'gold:a1'), ('fact_stock_price', 'KO', 'gold:k1'), ('fact_stock_price', 'PEP', 'gold:p1'), ('fact_stock_price', 'MSFT', 'md5:m1')");

        MergePartitions(["AAPL", "KO", "MSFT", "PEP", "XOM"], staged, bounds: bounds, boundedRecords: records);

        Assert.Equal(
            "AAPL 2025-01-31 200.0; AAPL 2025-02-03 202.0; AAPL 2025-02-04 203.0; "
            + "KO 2025-01-03 61.0; KO 2025-01-06 62.5; KO 2025-01-08 64.0; "
            + "MSFT 2025-01-06 401.5; "
            + "PEP 2025-01-03 150.0; PEP 2025-01-06 151.0; "
            + "XOM 2025-01-06 110.0",
            Target());
        Assert.Equal("fact_stock_price AAPL gold:a2, fact_stock_price KO gold:k2, fact_stock_price MSFT md5:m2, fact_stock_price PEP gold:p2", Records());
    }

    /// <summary>
    /// A load that ran between this one's read of the records and its script (a DAG's, which forgets them) makes the
    /// script fail inside its transaction: nothing is merged from a bound whose premise no longer holds, and the records
    /// stay as that load left them.
    /// </summary>
    [Fact]
    public void MergePartitions_RecordsChangedSinceTheyWereRead_FailsAndChangesNothing()
    {
        Stage(("KO", "2025-01-03", 61.0), ("KO", "2025-01-06", 62.0));
        Merge();
        _duckDb.Connection.Execute("INSERT INTO load_partitions VALUES ('fact_stock_price', 'KO', 'gold:k1')");
        Stage(("KO", "2025-01-03", 99.0), ("KO", "2025-01-06", 62.5));
        var staged = new Dictionary<string, string?> { ["KO"] = "gold:k2" };
        var bounds = new Dictionary<string, DateOnly> { ["KO"] = new(2025, 1, 6) };
        // Read as gold:k1; then another load forgot the table's records.
        _duckDb.Connection.Execute("DELETE FROM load_partitions");

        var failure = Assert.ThrowsAny<Exception>(() => MergePartitions(["KO"], staged, bounds: bounds, boundedRecords: new() { ["KO"] = "gold:k1" }));
        _duckDb.Connection.Execute("ROLLBACK");

        Assert.Contains("changed since this load read them", failure.Message, StringComparison.Ordinal);
        Assert.Equal("KO 2025-01-03 61.0; KO 2025-01-06 62.0", Target());
        Assert.Null(Records());
    }

    /// <summary>
    /// A bounded batch with more partitions than the constant filter takes: its delete still keeps to its own partitions
    /// (the staged list it reads is its own), so MSFT, merged whole by the batch before, keeps its rows from the bound on.
    /// </summary>
    [Fact]
    public void MergePartitions_ABoundedBatchPastTheFilterLimit_DeletesOnlyInItsOwnPartitions()
    {
        Stage(("KO", "2025-01-06", 62.0), ("MSFT", "2025-01-06", 401.0));
        Merge();
        Stage(("KO", "2025-01-07", 63.0), ("MSFT", "2025-01-06", 401.5));
        var dummies = Enumerable.Range(0, 7_000).Select(i => $"S{i:D5}").ToArray();
        var staged = dummies.Append("KO").Append("MSFT").ToDictionary(s => s, s => (string?)("gold:" + s), StringComparer.Ordinal);
        var bounds = dummies.Append("KO").ToDictionary(s => s, _ => new DateOnly(2025, 1, 6), StringComparer.Ordinal);
        _duckDb.Connection.Execute("INSERT INTO load_partitions SELECT 'fact_stock_price', 'S' || lpad(CAST(i AS VARCHAR), 5, '0'), 'gold:old' FROM range(7000) AS t(i)");
        _duckDb.Connection.Execute("INSERT INTO load_partitions VALUES ('fact_stock_price', 'KO', 'gold:old')");

        MergePartitions([.. staged.Keys], staged, bounds: bounds, boundedRecords: bounds.Keys.ToDictionary(s => s, _ => "gold:old", StringComparer.Ordinal));

        Assert.Equal("KO 2025-01-07 63.0; MSFT 2025-01-06 401.5", Target());
    }

    /// <summary>
    /// Deploy's script with more staged partitions than its constant filter takes (<see cref="LoadSql.MaxPartitionFilterLength"/>),
    /// so its delete and MERGE run unfiltered: PEP, staged with no rows, is emptied; KO is merged; XOM, not staged, stays.
    /// </summary>
    [Fact]
    public void MergePartitions_PastTheFilterLimit_MergesTheStagedPartitionsUnfiltered()
    {
        Stage(("KO", "2025-01-02", 61.0), ("PEP", "2025-01-02", 150.0), ("XOM", "2025-01-02", 110.0));
        Merge();
        Stage(("KO", "2025-01-02", 61.5), ("KO", "2025-01-03", 62.0));
        var staged = Enumerable.Range(0, 7_000).Select(i => $"S{i:D5}").Append("KO").Append("PEP").ToDictionary(s => s, s => (string?)("md5:" + s), StringComparer.Ordinal);
        Assert.Null(LoadSql.PartitionFilter(Catalogs.Table("fact_stock_price"), staged.Keys));

        MergePartitions([.. staged.Keys, "XOM"], staged);

        Assert.Equal("KO 2025-01-02 61.5; KO 2025-01-03 62.0; XOM 2025-01-02 110.0", Target());
    }

    /// <summary>
    /// Deploy's script into an empty target (created by the load) with every lake partition staged: the table's stale
    /// records all go, the staged fingerprints are recorded (PEP's file gave none), another table's record stays.
    /// </summary>
    [Fact]
    public void MergePartitions_ReplacingRecords_LoadsTheStagedRowsAndKeepsOnlyTheirFingerprints()
    {
        _duckDb.Connection.Execute("INSERT INTO load_partitions VALUES ('fact_stock_price', 'KO', 'md5:ko1'), ('fact_stock_price', 'PEP', 'md5:pep1'), ('fact_stock_price', 'XOM', 'md5:xom1'), ('other', 'XOM', 'md5:other')");
        Stage(("KO", "2025-01-02", 61.0), ("PEP", "2025-01-02", 150.0));

        MergePartitions(["KO", "PEP"], new Dictionary<string, string?> { ["KO"] = "md5:ko2", ["PEP"] = null }, replaceRecords: true);

        Assert.Equal("KO 2025-01-02 61.0; PEP 2025-01-02 150.0", Target());
        Assert.Equal("fact_stock_price KO md5:ko2, other XOM md5:other", Records());
    }
}
