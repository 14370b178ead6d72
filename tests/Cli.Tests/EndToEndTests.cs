using StockLakehouse.Cloud.Dataproc;
using StockLakehouse.Cloud.Deploy;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Cli.Tests;

public sealed class EndToEndTests : IClassFixture<LakeRunFixture>
{
    private readonly LakeRunFixture _run;

    public EndToEndTests(LakeRunFixture run)
    {
        _run = run;
    }

    private static int TradingDays2024 => NyseCalendar.Instance.CountTradingDays(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));

    [Fact]
    public void Run_SmallUniverse_SucceedsAndPrintsTheSummary()
    {
        Assert.True(_run.FirstRun.ExitCode == 0, _run.FirstRun.Error + _run.FirstRun.Output);
        Assert.Contains("All ", _run.FirstRun.Output, StringComparison.Ordinal);
        Assert.Contains("checks passed", _run.FirstRun.Output, StringComparison.Ordinal);
        Assert.Contains("fact_stock_price", _run.FirstRun.Output, StringComparison.Ordinal);
        Assert.Contains($"warehouse:  {_run.WarehousePath}", _run.FirstRun.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_FactRowsPlusQuarantinedBars_AccountForEveryTradingDayOfEverySymbol()
    {
        var facts = Warehouse.Scalar(_run.WarehousePath, "SELECT COUNT(*) FROM fact_stock_price");
        var quarantine = Directory.EnumerateFiles(Path.Combine(_run.LakePath, "_quarantine"), "rejects.jsonl", SearchOption.AllDirectories).Single();
        var rejects = File.ReadAllLines(quarantine).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        var droppedBars = rejects.Count(r => r.GetProperty("index").ValueKind == JsonValueKind.Number && r.GetProperty("reason").GetString() != "duplicate_bar");

        Assert.Equal(LakeRunFixture.Symbols.Length * TradingDays2024, facts + droppedBars);
        Assert.Equal(LakeRunFixture.Symbols.Length, Warehouse.Scalar(_run.WarehousePath, "SELECT COUNT(DISTINCT symbol) FROM fact_stock_price"));
    }

    [Fact]
    public void Run_Facts_JoinToEveryDimension()
    {
        var orphans = Warehouse.Scalar(_run.WarehousePath, """
            SELECT COUNT(*) FROM fact_stock_price f
            LEFT JOIN dim_date d ON d.date_key = f.date_key
            LEFT JOIN dim_company c ON c.company_key = f.company_key AND f.trade_date BETWEEN c.valid_from AND c.valid_to
            LEFT JOIN dim_exchange e ON e.exchange_key = f.exchange_key
            WHERE d.date_key IS NULL OR c.company_key IS NULL OR e.exchange_key IS NULL OR NOT d.is_trading_day OR c.symbol <> f.symbol
            """);

        Assert.Equal(0, orphans);
        Assert.Equal(100, Warehouse.Scalar(_run.WarehousePath, "SELECT COUNT(*) FROM dim_company WHERE is_current"));
        Assert.Equal(TradingDays2024, Warehouse.Scalar(_run.WarehousePath, "SELECT COUNT(*) FROM dim_date WHERE year = 2024 AND is_trading_day"));
    }

    [Fact]
    public void Run_Returns_ChainToTheAdjustedCloses()
    {
        var mismatches = Warehouse.Scalar(_run.WarehousePath, """
            SELECT COUNT(*) FROM (
              SELECT return_1d, adj_close / LAG(adj_close) OVER (PARTITION BY symbol ORDER BY trade_date) - 1 AS expected
              FROM fact_stock_price)
            WHERE (expected IS NULL) <> (return_1d IS NULL) OR ABS(expected - return_1d) > 1e-12
            """);

        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void Run_Indicators_OneRowPerFactAndNullExactlyInsideTheLookback()
    {
        Assert.Equal(
            Warehouse.Scalar(_run.WarehousePath, "SELECT COUNT(*) FROM fact_stock_price"),
            Warehouse.Scalar(_run.WarehousePath, "SELECT COUNT(*) FROM fact_technical_indicator i JOIN fact_stock_price f USING (symbol, trade_date)"));
        Assert.Equal(0, Warehouse.Scalar(_run.WarehousePath, """
            SELECT COUNT(*) FROM (
              SELECT symbol, COUNT(*) AS n, COUNT(sma_200) AS sma, COUNT(rsi_14) AS rsi, COUNT(macd_signal) AS macd
              FROM fact_technical_indicator GROUP BY symbol)
            WHERE sma <> GREATEST(n - 199, 0) OR rsi <> GREATEST(n - 14, 0) OR macd <> GREATEST(n - 33, 0)
            """));
    }

    [Fact]
    public void Run_WarehouseTables_HaveExactlyTheColumnsOfSchemas()
    {
        var catalog = StockLakehouse.Core.Schemas.SchemaCatalog.LoadDefault();
        using var connection = DuckDbWarehouse.OpenConnection(_run.WarehousePath);
        foreach (var table in catalog.Tables.Where(t => t.Layer == "gold"))
        {
            var columns = DuckDbCommands.Query(connection, "SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position", table.Name);
            var actual = Enumerable.Range(0, columns.RowCount)
                .Select(r => $"{columns.Columns[0].GetValue(r)} {columns.Columns[1].GetValue(r)} {columns.Columns[2].GetValue(r)}");
            var expected = table.Fields.Select(f => $"{f.Name} {StockLakehouse.Core.Warehouse.DuckDbSql.TypeOf(f.ColumnType)} {(f.Required ? "NO" : "YES")}");
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Run_Lake_HasTheDocumentedLayout()
    {
        Assert.True(File.Exists(Path.Combine(_run.LakePath, "silver", "daily_bar", "symbol=BRK-B", "part-0.parquet")));
        Assert.True(File.Exists(Path.Combine(_run.LakePath, "gold", "fact_stock_price", "symbol=AAPL", "part-0.parquet")));
        Assert.True(File.Exists(Path.Combine(_run.LakePath, "gold", "dim_date", "part-0.parquet")));
        var raw = Directory.EnumerateFiles(Path.Combine(_run.LakePath, "raw", "source=yahoo", "dataset=chart", "ingest_date=2024-12-31")).ToArray();
        Assert.Equal(2 * LakeRunFixture.Symbols.Length, raw.Length);
        Assert.Empty(Directory.EnumerateFiles(_run.LakePath, ".staging-*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Run_Manifest_RecordsEveryStageWithCountsAndTimings()
    {
        var manifest = _run.Manifests()[0].RootElement;

        Assert.Equal("succeeded", manifest.GetProperty("status").GetString());
        Assert.Equal(["extract", "silver", "gold", "load", "check"], manifest.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stage").GetString()));
        Assert.All(manifest.GetProperty("stages").EnumerateArray(), s => Assert.True(s.GetProperty("duration_ms").GetInt64() >= 0));
        Assert.Equal(LakeRunFixture.Symbols.Length, manifest.GetProperty("stages")[0].GetProperty("records_out").GetInt64());
        Assert.True(File.Exists(Path.Combine(_run.LakePath, "_runs", manifest.GetProperty("run_id").GetString()!, "log.json")));
    }

    /// <summary>
    /// Both adapters of the warehouse stage load the gold tables in the stage's one order (<see cref="WarehouseStage.Tables"/>):
    /// the run into DuckDB, as its manifest's load records it, and deploy into BigQuery, as its plan of the same lake lists the loads.
    /// </summary>
    [Fact]
    public async Task Run_LoadsTheGoldTablesInTheOrderDeployPlansThem_DimensionsFirst()
    {
        Assert.True(_run.FirstRun.ExitCode == 0, _run.FirstRun.Error);
        var schemas = SchemaCatalog.LoadDefault();
        var load = _run.Manifests()[0].RootElement.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == "load");
        var local = load.GetProperty("details").EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object).Select(p => p.Name).ToArray();
        var options = new DeployOptions(new DateOnly(2024, 12, 31), _run.LakePath, "proj-1234", "europe-west1", "EU", "lake-bucket", "lakehouse", DataprocEnvironment.Templated, 1, RunSparkBatches: false);

        var plan = await DeployPlanner.PlanAsync(options, schemas, MartCatalog.LoadDefault(), CancellationToken.None);

        Assert.Equal(WarehouseStage.Tables(schemas).Select(t => t.Name), local);
        Assert.Equal(local, plan.Loads.Select(l => l.Table.Name));
        Assert.True(Array.IndexOf(local, "dim_exchange") < Array.IndexOf(local, "dim_company"), string.Join(", ", local));
        Assert.True(Array.IndexOf(local, "dim_company") < Array.IndexOf(local, "fact_stock_price"), string.Join(", ", local));
    }
}
