using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Parquet;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;
using StockLakehouse.Jobs.Stages;
using StockLakehouse.Jobs.Tests.Support;

namespace StockLakehouse.Jobs.Tests.Stages;

/// <summary>
/// Silver's tail (<see cref="LakeLayout.TailFileName"/>): a local rebuild from every body (a build) splits a partition at
/// the first session of the month before its last row's; a merge onto a partition of one file (as the Spark host writes
/// it) splits it at the first session of its first added row's month; later merges whose rows all fall in the tail read
/// and rewrite the tail alone; anything else rewrites the partition. Every case leaves the partition's rows, and gold's,
/// as one build over the same raw objects would.
/// </summary>
public sealed class SilverTailTests
{
    // Session 35 is the first of March 2024, session 15 the first of February and session 55 the first of April: a tail
    // starts on the first session of its first changed row's month (SilverStage.TailStart).
    private static readonly DateOnly[] Sessions = StageLake.TradingDays(new DateOnly(2024, 1, 10), 200);

    [Fact]
    public async Task A_second_merge_rewrites_the_tail_alone_and_gold_still_bounds_its_change()
    {
        using var lake = await SplitAsync();
        var basePath = lake.PathOf(LakeNames.DailyBar, "AAPL");
        var baseWritten = File.GetLastWriteTimeUtc(basePath);
        var split = await SilverStateAsync(lake);
        var gold = await DailyStageTests.GoldStateAsync(lake, "AAPL");

        lake.Land("AAPL", Sessions[43], Sessions[38..44], 138);
        var (silver, _) = await lake.RunAsync(Sessions[43], "AAPL");

        Assert.Equal(["silver/daily_bar/symbol=AAPL/part-1.parquet"], silver.Outputs.Where(k => k.EndsWith(".parquet", StringComparison.Ordinal)));
        Assert.Equal(baseWritten, File.GetLastWriteTimeUtc(basePath));
        var state = await SilverStateAsync(lake);
        Assert.Equal(split.Partition, state.Partition);
        Assert.Equal(Sessions[35], state.TailFrom);
        Assert.Equal(new SilverFiles(split.Partition!, split.Tail), state.MergedOnto);
        // Sessions 35 to 43: the first merge's seven and the second's two new ones.
        Assert.Equal(9, await RowsAsync(lake, LakeLayout.PartitionTail(StageLake.Schemas[LakeNames.DailyBar], "AAPL")));
        Assert.Equal(6, silver.RecordsIn);
        // Gold read base and tail, and knows its rows before the first session sent again are the ones it wrote.
        Assert.Equal(new GoldChange(gold.Fingerprint!, Sessions[38]), (await DailyStageTests.GoldStateAsync(lake, "AAPL")).Change! with { Rows = null });
        await lake.AssertEqualsOneBuildAsync(Sessions[43], "AAPL");
    }

    [Fact]
    public async Task An_alpha_vantage_object_merged_into_the_tail_keeps_the_yahoo_events_of_its_dates()
    {
        using var lake = new StageLake();
        lake.Land("AAPL", Sessions[39], Sessions[..40], 100);
        await lake.RunAsync(Sessions[39], "AAPL");
        // Yahoo sends sessions 35 to 41 again with a dividend on session 37: the merge splits the partition at session 35.
        lake.Land("AAPL", Sessions[41], Sessions[35..42], 135, StageLake.Dividend(Sessions[37], 0.5));
        await lake.RunAsync(Sessions[41], "AAPL");

        // An Alpha Vantage answer for sessions 36 to 43 wins their prices, but carries no events of its own: session 37
        // keeps the Yahoo dividend, as one build over the same objects decides.
        DailyStageTests.LandAlphaVantage(lake, "AAPL", Sessions[43], Sessions[36..44]);
        var (silver, _) = await lake.RunAsync(Sessions[43], "AAPL");

        Assert.Equal(["silver/daily_bar/symbol=AAPL/part-1.parquet"], silver.Outputs.Where(k => k.EndsWith(".parquet", StringComparison.Ordinal)));
        var tail = await new ParquetFiles().ReadAsync(StageLake.Schemas[LakeNames.DailyBar], Path.Combine(lake.Folder, LakeLayout.PartitionTail(StageLake.Schemas[LakeNames.DailyBar], "AAPL")), CancellationToken.None);
        var row = Array.IndexOf(tail.Get<DateColumn>("trade_date").Values, Sessions[37]);
        Assert.Equal(0.5, tail.Get<DoubleColumn>("dividend").Values[row]);
        Assert.Equal("alphavantage", tail.Get<StringColumn>("source").Values[row]);
        await lake.AssertEqualsOneBuildAsync(Sessions[43], "AAPL");
    }

    [Fact]
    public async Task A_rebuild_for_another_engine_deletes_the_tail_it_cannot_see()
    {
        using var lake = await SplitAsync();
        var tail = Path.Combine(lake.Folder, LakeLayout.PartitionTail(StageLake.Schemas[LakeNames.DailyBar], "AAPL"));
        var stage = new SilverStage(lake.NextRun());
        var bodies = (await stage.ListRawAsync(null, CancellationToken.None))[Core.Domain.Symbol.Parse("AAPL")];

        // The Spark host's silver task (and gold rebuilding an unreadable partition) hands the bodies with no listing.
        await stage.RunPartitionAsync(Core.Domain.Symbol.Parse("AAPL"), bodies, lake.Store.ReadAsync, CancellationToken.None);

        Assert.False(File.Exists(tail));
        Assert.Equal(42, await RowsAsync(lake, LakeLayout.Partition(StageLake.Schemas[LakeNames.DailyBar], "AAPL")));
    }

    [Fact]
    public async Task A_merge_reaching_before_the_tail_rewrites_the_partition_and_starts_the_tail_at_its_first_rows_month()
    {
        using var lake = await SplitAsync();

        lake.Land("AAPL", Sessions[43], Sessions[30..44], 131);
        var (silver, _) = await lake.RunAsync(Sessions[43], "AAPL");

        Assert.Equal(["silver/daily_bar/symbol=AAPL/part-0.parquet", "silver/daily_bar/symbol=AAPL/part-1.parquet"], silver.Outputs.Where(k => k.EndsWith(".parquet", StringComparison.Ordinal)));
        // Session 30 is in February: the tail starts on its first session, 15.
        Assert.Equal(Sessions[15], (await SilverStateAsync(lake)).TailFrom);
        Assert.Equal(new DateOnly(2024, 2, 1), Sessions[15]);
        Assert.Equal(15, await RowsAsync(lake, LakeLayout.Partition(StageLake.Schemas[LakeNames.DailyBar], "AAPL")));
        await lake.AssertEqualsOneBuildAsync(Sessions[43], "AAPL");
    }

    [Fact]
    public async Task A_tail_that_would_pass_its_cap_rewrites_the_partition()
    {
        using var lake = await SplitAsync();
        var last = 55 + SilverStage.MaxTailRows;

        lake.Land("AAPL", Sessions[last], Sessions[55..(last + 1)], 155);
        var (silver, _) = await lake.RunAsync(Sessions[last], "AAPL");

        // Merged in place, the tail would hold sessions 35 to last: more than the cap. The partition is rewritten instead,
        // its tail starting at the first session of the first added row's month (session 55, the first of April).
        Assert.Contains("silver/daily_bar/symbol=AAPL/part-0.parquet", silver.Outputs);
        Assert.Equal(new DateOnly(2024, 4, 1), (await SilverStateAsync(lake)).TailFrom);
        // The file: every row before April, sessions 0 to 41 (none landed for 42 to 54).
        Assert.Equal(42, await RowsAsync(lake, LakeLayout.Partition(StageLake.Schemas[LakeNames.DailyBar], "AAPL")));
        await lake.AssertEqualsOneBuildAsync(Sessions[last], "AAPL");
    }

    [Fact]
    public async Task A_rebuild_from_every_body_starts_a_new_tail_at_the_month_before_its_last_row()
    {
        using var lake = await SplitAsync();

        // A body landing under an ingest date silver already read (a late backfill) rebuilds the partition from every body.
        lake.Land("AAPL", Sessions[41], Sessions[10..20], 110, request: "late");
        var (silver, _) = await lake.RunAsync(Sessions[41], "AAPL");

        // Sessions 0 to 41: the last is in March, so the new tail starts on the first session of February (15).
        Assert.Equal(57, silver.RecordsIn);
        var state = await SilverStateAsync(lake);
        Assert.Null(state.MergedOnto);
        Assert.Equal(Sessions[15], state.TailFrom);
        Assert.Equal(SilverStage.RebuildTailStart(Sessions[41]), new DateOnly(2024, 2, 1));
        Assert.Equal(15, await RowsAsync(lake, LakeLayout.Partition(StageLake.Schemas[LakeNames.DailyBar], "AAPL")));
        Assert.Equal(27, await RowsAsync(lake, LakeLayout.PartitionTail(StageLake.Schemas[LakeNames.DailyBar], "AAPL")));
        await lake.AssertEqualsOneBuildAsync(Sessions[41], "AAPL");
    }

    [Fact]
    public async Task A_build_splits_the_partition_so_that_the_first_days_merge_reads_and_writes_the_tail_alone()
    {
        using var lake = new StageLake();
        lake.Land("AAPL", Sessions[39], Sessions[..40], 100);
        var (built, _) = await lake.RunAsync(Sessions[39], "AAPL");
        Assert.Equal(["silver/daily_bar/symbol=AAPL/part-0.parquet", "silver/daily_bar/symbol=AAPL/part-1.parquet"], built.Outputs.Where(k => k.EndsWith(".parquet", StringComparison.Ordinal)));
        Assert.Equal(Sessions[15], (await SilverStateAsync(lake)).TailFrom);
        var basePath = lake.PathOf(LakeNames.DailyBar, "AAPL");
        var baseWritten = File.GetLastWriteTimeUtc(basePath);

        // The first daily run: its lookback and new session fall in the tail.
        lake.Land("AAPL", Sessions[41], Sessions[35..42], 135);
        var (silver, gold) = await lake.RunAsync(Sessions[41], "AAPL");

        Assert.Equal(["silver/daily_bar/symbol=AAPL/part-1.parquet"], silver.Outputs.Where(k => k.EndsWith(".parquet", StringComparison.Ordinal)));
        Assert.Equal(baseWritten, File.GetLastWriteTimeUtc(basePath));
        Assert.Equal(Sessions[15], (await SilverStateAsync(lake)).TailFrom);
        Assert.Equal(27, await RowsAsync(lake, LakeLayout.PartitionTail(StageLake.Schemas[LakeNames.DailyBar], "AAPL")));
        // Gold's tails start there too, so gold writes its tails alone.
        Assert.Equal(2, gold.TailsRewrittenAlone);
        Assert.Equal(Sessions[15], (await DailyStageTests.GoldStateAsync(lake, "AAPL")).TailFrom);
        await lake.AssertEqualsOneBuildAsync(Sessions[41], "AAPL");
    }

    [Fact]
    public async Task A_tail_the_state_does_not_name_makes_the_next_run_rebuild_the_partition()
    {
        using var lake = new StageLake();
        lake.Land("AAPL", Sessions[39], Sessions[..40], 100);
        await lake.BuildWholeAsync(Sessions[39], "AAPL");
        var partition = lake.PathOf(LakeNames.DailyBar, "AAPL");
        var stray = Path.Combine(lake.Folder, LakeLayout.PartitionTail(StageLake.Schemas[LakeNames.DailyBar], "AAPL"));
        File.Copy(partition, stray);

        lake.Land("AAPL", Sessions[41], Sessions[35..42], 135);
        var (silver, _) = await lake.RunAsync(Sessions[41], "AAPL");

        // Not merged onto a partition whose rows the stray file repeats: rebuilt from all 47 bars, the stray file replaced
        // by the rebuild's own tail (sessions 15 to 41), whose rows the file does not repeat.
        Assert.Equal(47, silver.RecordsIn);
        Assert.Equal(27, await RowsAsync(lake, LakeLayout.PartitionTail(StageLake.Schemas[LakeNames.DailyBar], "AAPL")));
        Assert.Equal(15, await RowsAsync(lake, LakeLayout.Partition(StageLake.Schemas[LakeNames.DailyBar], "AAPL")));
        await lake.AssertEqualsOneBuildAsync(Sessions[41], "AAPL");
    }

    [Fact]
    public async Task A_tail_left_without_its_partition_file_is_replaced_by_the_rebuild()
    {
        using var lake = await SplitAsync();
        var tail = Path.Combine(lake.Folder, LakeLayout.PartitionTail(StageLake.Schemas[LakeNames.DailyBar], "AAPL"));
        File.Delete(lake.PathOf(LakeNames.DailyBar, "AAPL"));

        lake.Land("AAPL", Sessions[43], Sessions[38..44], 138);
        var (silver, _) = await lake.RunAsync(Sessions[43], "AAPL");

        // Rebuilt from all three bodies' 53 bars; the old tail is replaced by the rebuild's own, from the first session of
        // February (sessions 15 to 43), whose rows the new file does not repeat.
        Assert.Equal(53, silver.RecordsIn);
        Assert.Equal(29, await RowsAsync(lake, LakeLayout.PartitionTail(StageLake.Schemas[LakeNames.DailyBar], "AAPL")));
        Assert.Equal(15, await RowsAsync(lake, LakeLayout.Partition(StageLake.Schemas[LakeNames.DailyBar], "AAPL")));
        Assert.Equal((await SilverStateAsync(lake)).Tail!.Length, new FileInfo(tail).Length);
        await lake.AssertEqualsOneBuildAsync(Sessions[43], "AAPL");
    }

    /// <summary>A lake whose AAPL partition was built as one file from sessions 0 to 39 and then merged with sessions 35 to 41, which splits it at session 35.</summary>
    private static async Task<StageLake> SplitAsync()
    {
        var lake = new StageLake();
        lake.Land("AAPL", Sessions[39], Sessions[..40], 100);
        await lake.BuildWholeAsync(Sessions[39], "AAPL");
        lake.Land("AAPL", Sessions[41], Sessions[35..42], 135);
        await lake.RunAsync(Sessions[41], "AAPL");
        var state = await SilverStateAsync(lake);
        Assert.Equal(Sessions[35], state.TailFrom);
        Assert.NotNull(state.Tail);
        Assert.Equal(35, await RowsAsync(lake, LakeLayout.Partition(StageLake.Schemas[LakeNames.DailyBar], "AAPL")));
        return lake;
    }

    private static async Task<SilverPartitionState> SilverStateAsync(StageLake lake) =>
        (await StageState.ReadAsync<SilverPartitionState>(lake.Store, StageState.Key(StageLake.Schemas[LakeNames.DailyBar], Core.Domain.Symbol.Parse("AAPL")), CancellationToken.None))!;

    private static async Task<int> RowsAsync(StageLake lake, string key) =>
        (await new ParquetFiles().ReadAsync(StageLake.Schemas[LakeNames.DailyBar], Path.Combine(lake.Folder, key), CancellationToken.None)).RowCount;
}
