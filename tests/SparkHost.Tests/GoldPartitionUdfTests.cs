using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Parquet;
using StockLakehouse.Core.Tables;
using StockLakehouse.Jobs.Silver;
using StockLakehouse.SparkHost.Tests.Support;

namespace StockLakehouse.SparkHost.Tests;

public sealed class GoldPartitionUdfTests : RunnerComparison
{
    private const string Silver = "silver/daily_bar/";

    [Fact]
    public async Task Apply_SilverPartitionOfOneSymbol_WritesTheFactPartitionsTheLocalRunnerWrites()
    {
        var from = new DateOnly(2025, 1, 2);
        Local.LandRaw("yahoo", "chart", "AAPL", new DateOnly(2025, 1, 10), FixtureFiles.Bytes("yahoo-live/chart-aapl-2025-01-02-to-10.json"), from, new DateOnly(2025, 1, 10));
        await Local.RunLocalSilverAsync(Symbol.Parse("AAPL"));
        Local.CopyTo(Spark, Silver);
        await Local.RunLocalGoldAsync(new DateOnly(2025, 1, 10), Symbol.Parse("AAPL"));

        var input = Spark.Group("AAPL", Spark.Objects(Silver).Select(o => o.Key));
        var row = Assert.Single(SummaryRow.Read(new GoldPartitionUdf(Spark.Folder, TempLake.RunId).Apply(input)));

        var facts = Local.ReadPartition("fact_stock_price", "AAPL");
        var indicators = Local.ReadPartition("fact_technical_indicator", "AAPL");
        Assert.Equal("AAPL", row.Symbol);
        Assert.Equal(6, row.RowsIn);
        Assert.Equal(12, row.RowsOut);
        Assert.Equal(facts!.RowCount + indicators!.RowCount, row.RowsOut);
        Assert.Equal("gold/fact_stock_price/symbol=AAPL/part-0.parquet\ngold/fact_technical_indicator/symbol=AAPL/part-0.parquet", row.Partitions);
        Assert.Equal("", row.Rejects);
        Assert.Equal("2025-01-10", row.LastDate);
        Batches.AssertEqual(facts, Spark.ReadPartition("fact_stock_price", "AAPL"));
        Batches.AssertEqual(indicators, Spark.ReadPartition("fact_technical_indicator", "AAPL"));
    }

    [Fact]
    public async Task Apply_SymbolWithoutCompany_RejectsItAsTheLocalRunnerDoesAndWritesNoFacts()
    {
        // XMPL is in no reference data and no landed company file: silver takes its currency from the chart,
        // gold cannot key its facts.
        Local.LandRaw("yahoo", "chart", "XMPL", new DateOnly(2020, 9, 4), FixtureFiles.Bytes("yahoo/chart-split-dividend-defects.json"), new DateOnly(2020, 8, 26), new DateOnly(2020, 9, 4));
        await Local.RunLocalSilverAsync(Symbol.Parse("XMPL"));
        Local.CopyTo(Spark, Silver);
        await Local.RunLocalGoldAsync(new DateOnly(2020, 9, 4), Symbol.Parse("XMPL"));

        var input = Spark.Group("XMPL", Spark.Objects(Silver).Select(o => o.Key));
        var row = Assert.Single(SummaryRow.Read(new GoldPartitionUdf(Spark.Folder, TempLake.RunId).Apply(input)));

        Assert.Equal(("XMPL", 0L, "", ""), (row.Symbol, row.RowsOut, row.Partitions, row.LastDate));
        Assert.Equal(Local.ReadPartition(DailyBarSilverFunction.TableName, "XMPL")!.RowCount, row.RowsIn);
        Assert.NotEqual("", row.Rejects);
        Assert.Equal(Local.Quarantine("gold", "fact_stock_price"), row.Rejects);
        Assert.Null(Spark.ReadPartition("fact_stock_price", "XMPL"));
        Assert.Null(Spark.ReadPartition("fact_technical_indicator", "XMPL"));
    }

    [Fact]
    public async Task Apply_PartitionWithATail_ReadsItsFileThenItsTailAsTheLocalRunnerReadsOneFile()
    {
        var from = new DateOnly(2025, 1, 2);
        Local.LandRaw("yahoo", "chart", "AAPL", new DateOnly(2025, 1, 10), FixtureFiles.Bytes("yahoo-live/chart-aapl-2025-01-02-to-10.json"), from, new DateOnly(2025, 1, 10));
        await Local.RunLocalSilverAsync(Symbol.Parse("AAPL"));
        await Local.RunLocalGoldAsync(new DateOnly(2025, 1, 10), Symbol.Parse("AAPL"));
        // The same six rows as a daily merge leaves them: the first two in the partition's file, the rest in its tail.
        var table = TempLake.Schemas[DailyBarSilverFunction.TableName];
        var rows = Local.ReadPartition(DailyBarSilverFunction.TableName, "AAPL")!;
        var parquet = new ParquetFiles();
        foreach (var (key, range) in new[] { (LakeLayout.Partition(table, "AAPL"), (0, 2)), (LakeLayout.PartitionTail(table, "AAPL"), (2, 6)) })
        {
            var path = Path.Combine(Spark.Folder, key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await parquet.WriteAsync(table, RecordBatchRows.Take(rows, Enumerable.Range(range.Item1, range.Item2 - range.Item1).ToArray()), path, CancellationToken.None);
        }

        var input = Spark.Group("AAPL", Spark.Objects(Silver).Select(o => o.Key));
        var row = Assert.Single(SummaryRow.Read(new GoldPartitionUdf(Spark.Folder, TempLake.RunId).Apply(input)));

        Assert.Equal((6L, 12L), (row.RowsIn, row.RowsOut));
        Batches.AssertEqual(Local.ReadPartition("fact_stock_price", "AAPL")!, Spark.ReadPartition("fact_stock_price", "AAPL"));
        Batches.AssertEqual(Local.ReadPartition("fact_technical_indicator", "AAPL")!, Spark.ReadPartition("fact_technical_indicator", "AAPL"));
    }

    [Fact]
    public void Apply_GroupWithAFileThatIsNeitherThePartitionsNorItsTail_ThrowsNamingThem()
    {
        var content = FixtureFiles.Bytes("yahoo-live/chart-aapl-2025-01-02-to-10.json");
        string[] keys = [$"{Silver}symbol=AAPL/part-0.parquet", $"{Silver}symbol=AAPL/part-2.parquet"];
        var input = BinaryFileRows.Group("AAPL", keys.Select(key => (BinaryFileRows.LocalPath(Spark.Folder, key), content)));

        var error = Assert.Throws<InvalidDataException>(() => new GoldPartitionUdf(Spark.Folder, TempLake.RunId).Apply(input));

        Assert.Contains(keys[0], error.Message, StringComparison.Ordinal);
        Assert.Contains(keys[1], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_FileThatIsNotParquetAndNoRawToRebuildFrom_RejectsThatSymbolNamingThePartition()
    {
        var key = LakeLayout.Partition(TempLake.Schemas[DailyBarSilverFunction.TableName], "AAPL");
        var input = BinaryFileRows.Group("AAPL", [(BinaryFileRows.LocalPath(Spark.Folder, key), "not parquet"u8.ToArray())]);

        var row = Assert.Single(SummaryRow.Read(new GoldPartitionUdf(Spark.Folder, TempLake.RunId).Apply(input)));

        Assert.Equal(("AAPL", 0L, 0L, ""), (row.Symbol, row.RowsIn, row.RowsOut, row.Partitions));
        Assert.Contains("\"reason\":\"unreadable_partition\"", row.Rejects, StringComparison.Ordinal);
        Assert.Contains(key, row.Rejects, StringComparison.Ordinal);
        Assert.Null(Spark.ReadPartition("fact_stock_price", "AAPL"));
    }

    [Fact]
    public void Apply_FileThatIsNotParquetWithRawStillLanded_RebuildsSilverAndWritesTheFacts()
    {
        var to = new DateOnly(2025, 1, 10);
        Spark.LandRaw("yahoo", "chart", "AAPL", to, FixtureFiles.Bytes("yahoo-live/chart-aapl-2025-01-02-to-10.json"), new DateOnly(2025, 1, 2), to);
        var key = LakeLayout.Partition(TempLake.Schemas[DailyBarSilverFunction.TableName], "AAPL");
        var input = BinaryFileRows.Group("AAPL", [(BinaryFileRows.LocalPath(Spark.Folder, key), "not parquet"u8.ToArray())]);

        var row = Assert.Single(SummaryRow.Read(new GoldPartitionUdf(Spark.Folder, TempLake.RunId).Apply(input)));

        Assert.Equal(("AAPL", 6L, 12L, ""), (row.Symbol, row.RowsIn, row.RowsOut, row.Rejects));
        Assert.Equal(6, Spark.ReadPartition(DailyBarSilverFunction.TableName, "AAPL")!.RowCount);
        Assert.Equal(6, Spark.ReadPartition("fact_stock_price", "AAPL")!.RowCount);
    }
}
