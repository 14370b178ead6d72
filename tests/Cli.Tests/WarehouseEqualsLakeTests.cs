namespace StockLakehouse.Cli.Tests;

/// <summary>
/// The warehouse equals the lake: a load reconciles every table against the partitions the lake holds, and only a load
/// that got every table and the marts in lets <c>check</c> vouch for the warehouse. A gold partition the load cannot read
/// stops the load (one line naming the file) and leaves it uncommitted; <c>transform</c> rebuilds it from silver.
/// </summary>
public sealed class WarehouseEqualsLakeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string[] Common => ["--out", Out, "--symbols", "KO,PEP,MSFT", "--start", "2024-10-01", "--end", "2024-12-31"];

    private string Out => Path.Combine(_folder.Path, "first");

    private string Lake => Path.Combine(Out, "lake");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Load_after_a_symbols_gold_partitions_left_the_lake_equals_a_fresh_load_of_that_lake()
    {
        Assert.Equal(ExitCodes.Success, (await CliRunner.RunAsync(["run", .. Common])).ExitCode);
        var before = Warehouse.Scalar(Path.Combine(Out, "warehouse", "lakehouse.duckdb"), "SELECT count(*) FROM fact_stock_price WHERE symbol = 'MSFT'");
        foreach (var table in new[] { "fact_stock_price", "fact_technical_indicator" })
        {
            Directory.Delete(Path.Combine(Lake, "gold", table, "symbol=MSFT"), recursive: true);
        }

        var load = await CliRunner.RunAsync(["load", .. Common]);
        var fresh = Path.Combine(_folder.Path, "fresh");
        LakeTables.CopyFolder(Path.Combine(Lake, "gold"), Path.Combine(fresh, "lake", "gold"));
        Assert.Equal(ExitCodes.Success, (await CliRunner.RunAsync("load", "--out", fresh)).ExitCode);
        var check = await CliRunner.RunAsync(["check", .. Common]);

        Assert.True(before > 0);
        Assert.Equal(ExitCodes.Success, load.ExitCode);
        Assert.Equal(0L, Warehouse.Scalar(Path.Combine(Out, "warehouse", "lakehouse.duckdb"), "SELECT count(*) FROM fact_stock_price WHERE symbol = 'MSFT'"));
        Assert.Equal(Fingerprint(Path.Combine(fresh, "warehouse", "lakehouse.duckdb")), Fingerprint(Path.Combine(Out, "warehouse", "lakehouse.duckdb")));
        Assert.True(check.ExitCode == ExitCodes.Success, check.Output + check.Error);
    }

    [Fact]
    public async Task Load_after_a_symbols_raw_objects_were_quarantined_equals_a_fresh_load_of_that_lake()
    {
        Assert.Equal(ExitCodes.Success, (await CliRunner.RunAsync(["run", .. Common])).ExitCode);
        var damaged = Directory.EnumerateFiles(Path.Combine(Lake, "raw"), "*.meta.json", SearchOption.AllDirectories)
            .Where(f => f.Contains("MSFT", StringComparison.Ordinal))
            .ToList();
        foreach (var metadata in damaged)
        {
            File.WriteAllText(metadata, "not json");
        }

        // Silver quarantines MSFT's objects, so MSFT's silver and gold partitions are rewritten empty: the files stay, the rows go.
        var transform = await CliRunner.RunAsync(["transform", "--out", Out, "--end", "2024-12-31"]);
        var load = await CliRunner.RunAsync(["load", .. Common]);
        var fresh = Path.Combine(_folder.Path, "fresh");
        LakeTables.CopyFolder(Path.Combine(Lake, "gold"), Path.Combine(fresh, "lake", "gold"));
        Assert.Equal(ExitCodes.Success, (await CliRunner.RunAsync("load", "--out", fresh)).ExitCode);

        Assert.NotEmpty(damaged);
        Assert.True(transform.ExitCode == ExitCodes.Success, transform.Error);
        Assert.Equal(ExitCodes.Success, load.ExitCode);
        Assert.Equal(0L, Warehouse.Scalar(Path.Combine(Out, "warehouse", "lakehouse.duckdb"), "SELECT count(*) FROM fact_stock_price WHERE symbol = 'MSFT'"));
        Assert.Equal(Fingerprint(Path.Combine(fresh, "warehouse", "lakehouse.duckdb")), Fingerprint(Path.Combine(Out, "warehouse", "lakehouse.duckdb")));
    }

    [Fact]
    public async Task A_garbage_gold_partition_fails_the_load_naming_it_check_refuses_and_transform_rebuilds_it_from_silver()
    {
        Assert.Equal(ExitCodes.Success, (await CliRunner.RunAsync(["run", .. Common])).ExitCode);
        var warehouse = Path.Combine(Out, "warehouse", "lakehouse.duckdb");
        var loaded = Fingerprint(warehouse);
        var partition = Path.Combine(Lake, "gold", "fact_technical_indicator", "symbol=PEP", "part-0.parquet");
        File.WriteAllText(partition, "not a parquet file");

        var failedLoad = await CliRunner.RunAsync(["load", .. Common]);
        var refused = await CliRunner.RunAsync(["check", .. Common]);
        // An operator's remedy: transform writes every symbol's gold partitions again from silver.
        var transform = await CliRunner.RunAsync(["transform", "--out", Out, "--end", "2024-12-31"]);
        var load = await CliRunner.RunAsync(["load", .. Common]);
        var check = await CliRunner.RunAsync(["check", .. Common]);

        Assert.Equal(ExitCodes.StageFailed, failedLoad.ExitCode);
        Assert.StartsWith("lakehouse load: ", failedLoad.Error, StringComparison.Ordinal);
        Assert.Contains(partition, failedLoad.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", failedLoad.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.StageFailed, refused.ExitCode);
        Assert.StartsWith("lakehouse check: The warehouse's last load (run ", refused.Error, StringComparison.Ordinal);
        Assert.Contains("did not finish", refused.Error, StringComparison.Ordinal);
        Assert.True(transform.ExitCode == ExitCodes.Success, transform.Error);
        Assert.Equal(ExitCodes.Success, load.ExitCode);
        Assert.True(check.ExitCode == ExitCodes.Success, check.Output + check.Error);
        Assert.Equal(loaded, Fingerprint(warehouse));
    }

    private static string Fingerprint(string warehouse) =>
        Warehouse.Fingerprint(warehouse, "fact_stock_price", "t.symbol, t.trade_date") + Warehouse.Fingerprint(warehouse, "fact_technical_indicator", "t.symbol, t.trade_date");
}
