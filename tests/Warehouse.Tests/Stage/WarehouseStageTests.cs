using StockLakehouse.Core.Checks;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Progress;

namespace StockLakehouse.Warehouse.Tests.Stage;

/// <summary>The warehouse stage over the embedded warehouse: the warehouse equals the lake, and only a committed load passes to the checks.</summary>
public sealed class WarehouseStageTests : IDisposable
{
    private const string Rows = "SELECT string_agg(symbol || ':' || day || ':' || close, ',' ORDER BY symbol, day) FROM prices";
    private readonly TestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    private WarehouseStage Stage(DuckDbWarehouse warehouse, Func<IWarehouse, IWarehouse>? wrap = null)
    {
        IWarehouse engine = new DuckDbLakeWarehouse(warehouse, _lake.LakeFolder, 2);
        return new WarehouseStage(wrap?.Invoke(engine) ?? engine, _lake.Marts, Serilog.Core.Logger.None);
    }

    [Fact]
    public async Task Load_after_a_symbols_partition_left_the_lake_equals_a_fresh_load_of_that_lake()
    {
        _lake.Write(["AAA", "BBB", "CCC", "DDD", "EEE"], 10, 100);
        using var warehouse = DuckDbWarehouse.Open(_lake.WarehousePath("w.duckdb"));
        await Stage(warehouse).LoadAsync("run1", [TestLake.Prices], null, CancellationToken.None);

        _lake.Remove("BBB");
        var second = await Stage(warehouse).LoadAsync("run2", [TestLake.Prices], null, CancellationToken.None);
        using var fresh = DuckDbWarehouse.Open(_lake.WarehousePath("fresh.duckdb"));
        await Stage(fresh).LoadAsync("run3", [TestLake.Prices], null, CancellationToken.None);

        Assert.Equal(0L, warehouse.Connection.Scalar<long>("SELECT count(*) FROM prices WHERE symbol = 'BBB'"));
        Assert.Equal(fresh.Connection.Scalar<string>(Rows), warehouse.Connection.Scalar<string>(Rows));
        Assert.Equal((0L, 0L, 10L, 40L), (second.Tables[0].Inserted, second.Tables[0].Updated, second.Tables[0].Deleted, second.Tables[0].RowsAfter));
    }

    [Fact]
    public async Task Check_refuses_a_load_interrupted_between_tables_and_passes_after_a_rerun()
    {
        _lake.Write(["AAA", "BBB"], 5, 10);
        using var warehouse = DuckDbWarehouse.Open(_lake.WarehousePath("w.duckdb"));
        TableSchema[] tables = [TestLake.Prices, TestLake.Prices with { Name = "prices_again" }];
        Directory.CreateDirectory(Path.Combine(_lake.LakeFolder, "gold", "prices_again"));
        File.Copy(_lake.PartitionFile("AAA"), Path.Combine(_lake.LakeFolder, "gold", "prices_again", "symbol=AAA", "part-0.parquet").CreateFolder());

        var failure = await Assert.ThrowsAsync<IOException>(() => Stage(warehouse, e => new FailingOn("prices_again", e)).LoadAsync("run1", tables, null, CancellationToken.None));
        var refused = await Assert.ThrowsAsync<UncommittedLoadException>(() => Stage(warehouse).CheckAsync(tables, new DateOnly(2025, 1, 2), CancellationToken.None));
        await Stage(warehouse).LoadAsync("run2", tables, null, CancellationToken.None);
        var checks = await Stage(warehouse).CheckAsync(tables, new DateOnly(2025, 1, 2), CancellationToken.None);

        Assert.Equal("No space left on device", failure.Message);
        Assert.Contains("run1", refused.Message, StringComparison.Ordinal);
        Assert.Contains("did not finish", refused.Message, StringComparison.Ordinal);
        Assert.All(checks, c => Assert.True(c.Passed, $"{c.Table}.{c.Name}"));
        Assert.Contains(checks, c => c.Name == "marts_exist");
    }

    [Fact]
    public async Task A_same_keys_check_finds_the_rows_only_one_of_the_two_tables_has()
    {
        _lake.Write(["AAA", "BBB"], 4, 10);
        var copy = TestLake.Prices with
        {
            Name = "prices_copy",
            Checks = [new CheckDefinition("rows_match_prices", CheckKind.SameKeys, "One row per price row.", [], null, null, "prices", null)],
        };
        foreach (var symbol in new[] { "AAA", "BBB" })
        {
            File.Copy(_lake.PartitionFile(symbol), Path.Combine(_lake.LakeFolder, LakeLayout.Partition(copy, symbol)).CreateFolder());
        }

        using var warehouse = DuckDbWarehouse.Open(_lake.WarehousePath("w.duckdb"));
        await Stage(warehouse).LoadAsync("run1", [TestLake.Prices, copy], null, CancellationToken.None);
        warehouse.Connection.Execute("DELETE FROM prices_copy WHERE symbol = 'AAA' AND day = 2; DELETE FROM prices WHERE symbol = 'BBB' AND day = 0");

        var checks = await Stage(warehouse).CheckAsync([TestLake.Prices, copy], new DateOnly(2025, 1, 2), CancellationToken.None);

        var parity = Assert.Single(checks, c => c.Name == "rows_match_prices");
        Assert.Equal(2, parity.Violations);
        Assert.Equal(["symbol=AAA, day=2, problem=only in prices", "symbol=BBB, day=0, problem=only in prices_copy"], parity.Sample.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Check_refuses_a_warehouse_that_records_no_load()
    {
        using var warehouse = DuckDbWarehouse.Open(_lake.WarehousePath("w.duckdb"));
        warehouse.EnsureTable(TestLake.Prices);

        var refused = await Assert.ThrowsAsync<UncommittedLoadException>(() => Stage(warehouse).CheckAsync([TestLake.Prices], new DateOnly(2025, 1, 2), CancellationToken.None));

        Assert.Equal("The warehouse records no completed load; run load before the checks.", refused.Message);
    }

    [Fact]
    public async Task The_marts_check_fails_when_a_mart_view_is_dropped()
    {
        _lake.Write(["AAA"], 3, 10);
        using var warehouse = DuckDbWarehouse.Open(_lake.WarehousePath("w.duckdb"));
        await Stage(warehouse).LoadAsync("run1", [TestLake.Prices], null, CancellationToken.None);
        warehouse.Connection.Execute("DROP VIEW mart_last_close");

        var checks = await Stage(warehouse).CheckAsync([TestLake.Prices], new DateOnly(2025, 1, 2), CancellationToken.None);

        var marts = Assert.Single(checks, c => c.Name == "marts_exist");
        Assert.Equal(1, marts.Violations);
        Assert.Equal(["missing=mart_last_close"], marts.Sample);
    }

    [Fact]
    public async Task A_lake_without_the_tables_files_fails_the_load_naming_the_table()
    {
        using var warehouse = DuckDbWarehouse.Open(_lake.WarehousePath("w.duckdb"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Stage(warehouse).LoadAsync("run1", [TestLake.Prices], null, CancellationToken.None));

        Assert.StartsWith("The lake has no files for table prices under ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_load_that_ran_inside_another_keeps_its_own_commit_and_the_newest_commit_is_the_last_load()
    {
        _lake.Write(["AAA"], 3, 10);
        using var warehouse = DuckDbWarehouse.Open(_lake.WarehousePath("w.duckdb"));

        // run2 begins and commits between run1's begin and run1's commit.
        await Stage(warehouse, e => new BeforeMarts(() => Stage(warehouse).LoadAsync("run2", [TestLake.Prices], null, CancellationToken.None), e))
            .LoadAsync("run1", [TestLake.Prices], null, CancellationToken.None);
        var last = await new DuckDbLakeWarehouse(warehouse, _lake.LakeFolder, 2).ReadLoadCommitAsync(CancellationToken.None);

        Assert.Equal(new LoadCommit("run1", true), last);
        Assert.Equal("run1:true,run2:true", warehouse.Connection.Scalar<string>("SELECT string_agg(run_id || ':' || committed, ',' ORDER BY run_id) FROM load_state"));
    }

    [Fact]
    public async Task A_commit_that_finds_no_row_for_its_run_fails_the_load_saying_so()
    {
        _lake.Write(["AAA"], 3, 10);
        using var warehouse = DuckDbWarehouse.Open(_lake.WarehousePath("w.duckdb"));

        var failure = await Assert.ThrowsAnyAsync<Exception>(() =>
            Stage(warehouse, e => new BeforeMarts(() => e.ExecuteAsync("DELETE FROM load_state WHERE run_id = 'run1'", CancellationToken.None), e))
                .LoadAsync("run1", [TestLake.Prices], null, CancellationToken.None));

        Assert.Contains(LoadStateSql.MissingRecord("run1"), failure.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<UncommittedLoadException>(() => Stage(warehouse).CheckAsync([TestLake.Prices], new DateOnly(2025, 1, 2), CancellationToken.None));
    }

    /// <summary>The engine, but loading <c>table</c> fails as a full disk would.</summary>
    private sealed class FailingOn(string table, IWarehouse inner) : IWarehouse
    {
        public Task EnsureTableAsync(TableSchema t, CancellationToken cancellationToken) => inner.EnsureTableAsync(t, cancellationToken);

        public Task<LoadResult> LoadAsync(TableSchema t, IProgress<StageProgress>? progress, CancellationToken cancellationToken) =>
            t.Name == table ? throw new IOException("No space left on device") : inner.LoadAsync(t, progress, cancellationToken);

        public Task CreateMartsAsync(MartCatalog marts, CancellationToken cancellationToken) => inner.CreateMartsAsync(marts, cancellationToken);

        public Task ExecuteAsync(string sql, CancellationToken cancellationToken) => inner.ExecuteAsync(sql, cancellationToken);

        public Task<LoadCommit?> ReadLoadCommitAsync(CancellationToken cancellationToken) => inner.ReadLoadCommitAsync(cancellationToken);

        public Task<IReadOnlyList<CheckResult>> RunChecksAsync(IReadOnlyList<CheckSql.Check> checks, CancellationToken cancellationToken) => inner.RunChecksAsync(checks, cancellationToken);
    }

    /// <summary>The engine, but <c>act</c> runs before the marts are created: between a load's begin and its commit.</summary>
    private sealed class BeforeMarts(Func<Task> act, IWarehouse inner) : IWarehouse
    {
        public Task EnsureTableAsync(TableSchema t, CancellationToken cancellationToken) => inner.EnsureTableAsync(t, cancellationToken);

        public Task<LoadResult> LoadAsync(TableSchema t, IProgress<StageProgress>? progress, CancellationToken cancellationToken) => inner.LoadAsync(t, progress, cancellationToken);

        public async Task CreateMartsAsync(MartCatalog marts, CancellationToken cancellationToken)
        {
            await act();
            await inner.CreateMartsAsync(marts, cancellationToken);
        }

        public Task ExecuteAsync(string sql, CancellationToken cancellationToken) => inner.ExecuteAsync(sql, cancellationToken);

        public Task<LoadCommit?> ReadLoadCommitAsync(CancellationToken cancellationToken) => inner.ReadLoadCommitAsync(cancellationToken);

        public Task<IReadOnlyList<CheckResult>> RunChecksAsync(IReadOnlyList<CheckSql.Check> checks, CancellationToken cancellationToken) => inner.RunChecksAsync(checks, cancellationToken);
    }
}
