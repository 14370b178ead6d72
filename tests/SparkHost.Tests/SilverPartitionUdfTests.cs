using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Tables;
using StockLakehouse.Jobs.Silver;
using StockLakehouse.SparkHost.Tests.Support;

namespace StockLakehouse.SparkHost.Tests;

public sealed class SilverPartitionUdfTests : RunnerComparison
{
    private const string Partition = "silver/daily_bar/symbol=AAPL/part-0.parquet";

    [Fact]
    public async Task Apply_YahooObjectsOfOneSymbol_WritesThePartitionAndRejectsTheLocalRunnerWrites()
    {
        LandAapl(Local);
        Local.CopyTo(Spark, LakeLayout.RawRoot + "/");
        var report = await Local.RunLocalSilverAsync(Symbol.Parse("AAPL"));

        var input = Spark.SilverGroup("AAPL", Spark.Objects(LakeLayout.RawRoot + "/").Select(o => o.Key));
        var summary = SummaryRow.Read(new SilverPartitionUdf(Spark.Folder, TempLake.RunId).Apply(input));

        var row = Assert.Single(summary);
        Assert.Equal("AAPL", row.Symbol);
        Assert.Equal(report.RecordsIn, row.RowsIn);
        Assert.Equal(report.RecordsOut, row.RowsOut);
        Assert.Equal(6, row.RowsOut);
        Assert.Equal(Partition, row.Partitions);
        Assert.Equal("", row.LastDate);
        // The older object's 2025-01-10 bar came after the range it asked for: the one reject, as the local runner
        // quarantined it (the driver writes the tasks' rejects to the same file).
        Assert.Contains(RejectReason.AfterRequestedEnd, row.Rejects, StringComparison.Ordinal);
        Assert.Equal(Local.Quarantine("silver", DailyBarSilverFunction.TableName), row.Rejects);
        Batches.AssertEqual(Local.ReadPartition(DailyBarSilverFunction.TableName, "AAPL"), Spark.ReadPartition(DailyBarSilverFunction.TableName, "AAPL"));
    }

    [Fact]
    public async Task Apply_AlphaVantageObjectsOfOneSymbol_WritesThePartitionAndRejectsTheLocalRunnerWrites()
    {
        var from = new DateOnly(2024, 12, 1);
        Local.LandRaw("alphavantage", "time_series_daily", "IBM", new DateOnly(2025, 1, 9), FixtureFiles.Bytes("alphavantage/time-series-daily-ibm-truncated.json"), from, new DateOnly(2025, 1, 9));
        Local.LandRaw("alphavantage", "time_series_daily", "IBM", new DateOnly(2025, 1, 10), FixtureFiles.Bytes("alphavantage/time-series-daily-ibm.json"), from, new DateOnly(2025, 1, 10));
        Local.CopyTo(Spark, LakeLayout.RawRoot + "/");
        var report = await Local.RunLocalSilverAsync(Symbol.Parse("IBM"));

        var input = Spark.SilverGroup("IBM", Spark.Objects(LakeLayout.RawRoot + "/").Select(o => o.Key));
        var row = Assert.Single(SummaryRow.Read(new SilverPartitionUdf(Spark.Folder, TempLake.RunId).Apply(input)));

        Assert.Equal(("IBM", report.RecordsIn, report.RecordsOut), (row.Symbol, row.RowsIn, row.RowsOut));
        Assert.Equal(6, row.RowsOut);
        Assert.Equal("silver/daily_bar/symbol=IBM/part-0.parquet", row.Partitions);
        Assert.NotEqual("", row.Rejects);
        Assert.Equal(Local.Quarantine("silver", DailyBarSilverFunction.TableName), row.Rejects);
        var written = Spark.ReadPartition(DailyBarSilverFunction.TableName, "IBM");
        Batches.AssertEqual(Local.ReadPartition(DailyBarSilverFunction.TableName, "IBM"), written);
        Assert.Equal(["USD"], written!.Get<StringColumn>("currency").Values.Distinct());
    }

    [Fact]
    public void Apply_GroupWithoutRawBodies_ReturnsNoRowAndWritesNothing()
    {
        var (key, _) = LandAapl(Spark);

        var summary = new SilverPartitionUdf(Spark.Folder, TempLake.RunId).Apply(Spark.SilverGroup("AAPL", [LakeLayout.RawMetadata(key)]));

        Assert.Empty(SummaryRow.Read(summary));
        Assert.Null(Spark.ReadPartition(DailyBarSilverFunction.TableName, "AAPL"));
    }

    /// <summary>
    /// The worker calls the UDF once per Arrow batch it reads, and Spark cuts batches at
    /// spark.sql.execution.arrow.maxRecordsPerBatch rows whatever the groups. When one symbol's four files arrive in
    /// two batches of two, each call sees fewer rows than the group's file count the query put on every row: each
    /// throws, naming the symbol, and no partition is written from part of the group.
    /// </summary>
    [Fact]
    public void Apply_GroupSplitAcrossTwoBatches_ThrowsNamingTheSymbolAndWritesNothing()
    {
        var (older, newer) = LandAapl(Spark);
        var udf = new SilverPartitionUdf(Spark.Folder, TempLake.RunId);

        var first = Assert.Throws<InvalidOperationException>(() => udf.Apply(Spark.SilverGroup("AAPL", [newer, LakeLayout.RawMetadata(newer)], groupFiles: 4)));
        var second = Assert.Throws<InvalidOperationException>(() => udf.Apply(Spark.SilverGroup("AAPL", [older, LakeLayout.RawMetadata(older)], groupFiles: 4)));

        foreach (var error in new[] { first, second })
        {
            Assert.Contains("'AAPL' received 2 of the group's 4 raw files", error.Message, StringComparison.Ordinal);
            Assert.Contains("spark.sql.execution.arrow.maxRecordsPerBatch", error.Message, StringComparison.Ordinal);
        }

        Assert.Null(Spark.ReadPartition(DailyBarSilverFunction.TableName, "AAPL"));
    }

    [Fact]
    public void Apply_WholeGroupInOneBatch_WritesThePartitionOfEveryObject()
    {
        var (older, newer) = LandAapl(Spark);

        var row = Assert.Single(SummaryRow.Read(new SilverPartitionUdf(Spark.Folder, TempLake.RunId).Apply(
            Spark.SilverGroup("AAPL", [newer, LakeLayout.RawMetadata(newer), older, LakeLayout.RawMetadata(older)], groupFiles: 4))));

        Assert.Equal(("AAPL", 6L), (row.Symbol, row.RowsOut));
        Assert.Equal(new DateOnly(2025, 1, 10), Spark.ReadPartition(DailyBarSilverFunction.TableName, "AAPL")!.Get<DateColumn>("trade_date").Values.Max());
    }

    [Fact]
    public void Apply_InputWithoutTheGroupFileCount_ThrowsNamingTheColumn()
    {
        var (older, _) = LandAapl(Spark);

        var error = Assert.Throws<InvalidOperationException>(() => new SilverPartitionUdf(Spark.Folder, TempLake.RunId).Apply(Spark.Group("AAPL", [older])));

        Assert.Contains("'group_files'", error.Message, StringComparison.Ordinal);
        Assert.Null(Spark.ReadPartition(DailyBarSilverFunction.TableName, "AAPL"));
    }

    /// <summary>
    /// Two Yahoo objects for AAPL: 2025-01-06 … 2025-01-08 (three sessions; Yahoo appended the 2025-01-10 bar), and
    /// 2025-01-02 … 2025-01-10 (six sessions).
    /// </summary>
    private static (string Older, string Newer) LandAapl(TempLake lake)
    {
        var older = lake.LandRaw("yahoo", "chart", "AAPL", new DateOnly(2025, 1, 8), FixtureFiles.Bytes("yahoo-live/chart-aapl-with-bar-after-end.json"), new DateOnly(2025, 1, 6), new DateOnly(2025, 1, 8));
        var newer = lake.LandRaw("yahoo", "chart", "AAPL", new DateOnly(2025, 1, 10), FixtureFiles.Bytes("yahoo-live/chart-aapl-2025-01-02-to-10.json"), new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 10));
        return (older, newer);
    }
}
