using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Parquet;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Jobs.Stages;
using StockLakehouse.Jobs.Tests.Support;

namespace StockLakehouse.Jobs.Tests.Stages;

/// <summary>
/// Gold's tails (<see cref="GoldFiles"/>): the first bounded change after a build splits both fact partitions at the
/// first session of the change's month, and later changes from the tails' first date on write the tails alone, the files untouched; anything
/// else writes each partition as one file. Every case leaves the rows one build over the same raw objects would.
/// </summary>
public sealed class GoldTailTests
{
    // Session 35 is the first of March 2024, session 15 the first of February and session 55 the first of April: a tail
    // starts on the first session of its first changed row's month (SilverStage.TailStart).
    private static readonly DateOnly[] Sessions = StageLake.TradingDays(new DateOnly(2024, 1, 10), 200);
    private static readonly string[] FactTables = [LakeNames.FactStockPrice, LakeNames.FactTechnicalIndicator];

    [Fact]
    public async Task A_bounded_change_splits_both_partitions_at_its_date()
    {
        using var lake = await SplitAsync();

        await lake.AssertEqualsOneBuildAsync(Sessions[41], "AAPL");
    }

    [Fact]
    public async Task A_change_within_the_tails_writes_the_tails_alone_and_keeps_the_files()
    {
        using var lake = await SplitAsync();
        var split = await DailyStageTests.GoldStateAsync(lake, "AAPL");
        var files = FactTables.Select(t => lake.PathOf(t, "AAPL")).ToArray();
        var written = files.Select(File.GetLastWriteTimeUtc).ToArray();

        lake.Land("AAPL", Sessions[43], Sessions[38..44], 138);
        var (_, gold) = await lake.RunAsync(Sessions[43], "AAPL");

        Assert.Equal(FactTables.Select(t => Tail(t)), FactFiles(gold));
        Assert.Equal(2, gold.TailsRewrittenAlone);
        Assert.Equal(written, files.Select(File.GetLastWriteTimeUtc));
        var state = await DailyStageTests.GoldStateAsync(lake, "AAPL");
        Assert.Equal(Sessions[35], state.TailFrom);
        // The files as the split listed them, then the new tails.
        Assert.Equal(split.Partitions.Where(p => !p.Key.EndsWith(LakeLayout.TailFileName, StringComparison.Ordinal)), state.Partitions.Take(2));
        Assert.Equal(FactTables.Select(t => Tail(t)), state.Partitions.Skip(2).Select(p => p.Key));
        Assert.Equal(new GoldChange(split.Fingerprint!, Sessions[38]), state.Change! with { Rows = null });
        // Sessions 35 to 43 in each tail.
        Assert.All(FactTables, t => Assert.Equal(9, Rows(lake, t, Tail(t))));
        await lake.AssertEqualsOneBuildAsync(Sessions[43], "AAPL");

        // A rerun finds the files and tails as the state names them and skips the symbol; what it writes is the
        // dimensions, so the rows out of the tails' run beyond those are the tails' 2 × 9.
        var (_, rerun) = await lake.RunAsync(Sessions[43], "AAPL");
        Assert.Empty(FactFiles(rerun));
        Assert.Equal(18, gold.RecordsOut - rerun.RecordsOut);
    }

    [Fact]
    public async Task A_dividend_writes_both_files_again_with_the_tails_starting_where_silvers_tail_does()
    {
        using var lake = await SplitAsync();

        lake.Land("AAPL", Sessions[43], Sessions[38..44], 138, StageLake.Dividend(Sessions[42], 0.25));
        var (_, gold) = await lake.RunAsync(Sessions[43], "AAPL");

        // A dividend changes every earlier adjusted close: no bound, so every row is written again, the files and new tails
        // split where silver's tail starts (session 35), where the next days' changes start.
        Assert.Equal(0, gold.TailsRewrittenAlone);
        Assert.Equal(
            [.. FactTables.Select(t => LakeLayout.Partition(StageLake.Schemas[t], "AAPL")), .. FactTables.Select(t => Tail(t))],
            FactFiles(gold));
        var silver = await StageState.ReadAsync<SilverPartitionState>(lake.Store, StageState.Key(StageLake.Schemas[LakeNames.DailyBar], Core.Domain.Symbol.Parse("AAPL")), CancellationToken.None);
        var state = await DailyStageTests.GoldStateAsync(lake, "AAPL");
        Assert.Equal(Sessions[35], silver!.TailFrom);
        Assert.Equal(Sessions[35], state.TailFrom);
        Assert.Null(state.Change);
        Assert.All(FactTables, t => Assert.Equal(35, Rows(lake, t, LakeLayout.Partition(StageLake.Schemas[t], "AAPL"))));
        Assert.All(FactTables, t => Assert.Equal(9, Rows(lake, t, Tail(t))));
        await lake.AssertEqualsOneBuildAsync(Sessions[43], "AAPL");
    }

    [Fact]
    public async Task A_change_before_the_tails_splits_the_partitions_again_at_its_date()
    {
        using var lake = await SplitAsync();

        // Yahoo sends sessions 30 to 43 again: silver rewrites its partition, and gold's change starts at session 30.
        lake.Land("AAPL", Sessions[43], Sessions[30..44], 130);
        var (_, gold) = await lake.RunAsync(Sessions[43], "AAPL");

        // The new tails start where the run's change rows do: the first session of February (15), session 30's month.
        Assert.Equal(0, gold.TailsRewrittenAlone);
        Assert.Equal(new DateOnly(2024, 2, 1), (await DailyStageTests.GoldStateAsync(lake, "AAPL")).TailFrom);
        Assert.All(FactTables, t => Assert.Equal(15, Rows(lake, t, LakeLayout.Partition(StageLake.Schemas[t], "AAPL"))));
        await lake.AssertEqualsOneBuildAsync(Sessions[43], "AAPL");
    }

    [Fact]
    public async Task Tails_that_would_pass_their_cap_split_the_partitions_at_the_change()
    {
        using var lake = await SplitAsync();
        var last = 55 + GoldFiles.MaxTailRows;

        lake.Land("AAPL", Sessions[last], Sessions[55..(last + 1)], 155);
        var (_, gold) = await lake.RunAsync(Sessions[last], "AAPL");

        // Written alone, the tails would hold sessions 35 to last: more than the cap. The files are written again instead,
        // the tails starting on the first session of the change's month (55, the first of April).
        Assert.Equal(0, gold.TailsRewrittenAlone);
        Assert.Equal(new DateOnly(2024, 4, 1), (await DailyStageTests.GoldStateAsync(lake, "AAPL")).TailFrom);
        // The files: every row before April, sessions 0 to 41 (none landed for 42 to 54).
        Assert.All(FactTables, t => Assert.Equal(42, Rows(lake, t, LakeLayout.Partition(StageLake.Schemas[t], "AAPL"))));
        await lake.AssertEqualsOneBuildAsync(Sessions[last], "AAPL");
    }

    [Fact]
    public async Task A_tail_the_state_does_not_name_is_recomputed_and_deleted_even_with_unchanged_inputs()
    {
        using var lake = new StageLake();
        lake.Land("AAPL", Sessions[39], Sessions[..40], 100);
        await lake.BuildWholeAsync(Sessions[39], "AAPL");
        var stray = Path.Combine(lake.Folder, Tail(LakeNames.FactStockPrice));
        File.Copy(lake.PathOf(LakeNames.FactStockPrice, "AAPL"), stray);

        var (_, gold) = await lake.RunAsync(Sessions[39], "AAPL");

        // Nothing new landed, but a reader would take the stray file for rows of the partition: gold writes it again.
        Assert.Contains(LakeLayout.Partition(StageLake.Schemas[LakeNames.FactStockPrice], "AAPL"), gold.Outputs);
        Assert.False(File.Exists(stray));
        await lake.AssertEqualsOneBuildAsync(Sessions[39], "AAPL");
    }

    [Fact]
    public async Task A_tail_missing_from_the_lake_makes_the_next_run_write_the_partitions_whole()
    {
        using var lake = await SplitAsync();
        File.Delete(Path.Combine(lake.Folder, Tail(LakeNames.FactTechnicalIndicator)));

        lake.Land("AAPL", Sessions[43], Sessions[38..44], 138);
        var (_, gold) = await lake.RunAsync(Sessions[43], "AAPL");

        // The files the state names are not all there: nothing is kept, and the other table's tail goes too.
        Assert.Equal(0, gold.TailsRewrittenAlone);
        Assert.All(FactTables, t => Assert.False(File.Exists(Path.Combine(lake.Folder, Tail(t)))));
        await lake.AssertEqualsOneBuildAsync(Sessions[43], "AAPL");
    }

    [Fact]
    public async Task A_computation_for_another_engine_deletes_the_tails_it_cannot_see()
    {
        using var lake = await SplitAsync();
        var context = lake.NextRun();
        var stage = new GoldStage(context);
        await stage.WriteDimensionsAsync(CancellationToken.None);

        // The Spark host's gold task hands the silver rows with no listing of gold's files.
        await stage.RunPartitionAsync(Symbol.Parse("AAPL"), ct => context.Partitions.ReadAsync(stage.Silver, "AAPL", ct), CancellationToken.None);

        Assert.All(FactTables, t => Assert.False(File.Exists(Path.Combine(lake.Folder, Tail(t)))));
        Assert.All(FactTables, t => Assert.Equal(42, Rows(lake, t, LakeLayout.Partition(StageLake.Schemas[t], "AAPL"))));
    }

    [Fact]
    public void Only_a_state_naming_files_must_name_every_tail_listed()
    {
        var tables = FactTables.Select(t => StageLake.Schemas[t]).ToArray();
        var file = new ObjectInfo(LakeLayout.Partition(tables[0], "AAPL"), 10, "a");
        var tail = new ObjectInfo(Tail(LakeNames.FactStockPrice), 5, "b");
        var listing = new Dictionary<string, ObjectInfo> { [file.Key] = file, [tail.Key] = tail };
        var writer = new GoldPartitionState("f", [file], null, []);
        var rejecter = new GoldPartitionState("f", [], null, []);

        // A state that names files but not the tail beside them is not kept; one that names no file (a symbol gold
        // rejects, which keeps whatever files it had) does not describe them, and a tail among them changes nothing.
        Assert.Null(new GoldFiles(Symbol.Parse("AAPL"), tables, listing, writer).Kept);
        Assert.Same(writer, new GoldFiles(Symbol.Parse("AAPL"), tables, new Dictionary<string, ObjectInfo> { [file.Key] = file }, writer).Kept);
        Assert.Same(rejecter, new GoldFiles(Symbol.Parse("AAPL"), tables, listing, rejecter).Kept);
        Assert.True(new GoldFiles(Symbol.Parse("AAPL"), tables, listing, rejecter).TailsListed);
    }

    /// <summary>
    /// A lake whose AAPL partitions were built as one file each from sessions 0 to 39 and then computed again with sessions 35 to 41 sent
    /// again, which bounds gold's change at session 35, the first of March, and splits both fact partitions there.
    /// </summary>
    private static async Task<StageLake> SplitAsync()
    {
        var lake = new StageLake();
        lake.Land("AAPL", Sessions[39], Sessions[..40], 100);
        await lake.BuildWholeAsync(Sessions[39], "AAPL");
        lake.Land("AAPL", Sessions[41], Sessions[35..42], 135);
        var (_, gold) = await lake.RunAsync(Sessions[41], "AAPL");
        Assert.Equal(
            [.. FactTables.Select(t => LakeLayout.Partition(StageLake.Schemas[t], "AAPL")), .. FactTables.Select(t => Tail(t))],
            FactFiles(gold));
        var state = await DailyStageTests.GoldStateAsync(lake, "AAPL");
        Assert.Equal(Sessions[35], state.TailFrom);
        Assert.Equal(4, state.Partitions.Count);
        Assert.All(FactTables, t => Assert.Equal(35, Rows(lake, t, LakeLayout.Partition(StageLake.Schemas[t], "AAPL"))));
        Assert.All(FactTables, t => Assert.Equal(7, Rows(lake, t, Tail(t))));
        return lake;
    }

    /// <summary>The fact partition files a gold stage wrote (not its dimensions, quarantine or change files).</summary>
    private static IEnumerable<string> FactFiles(StageReport gold) => gold.Outputs.Where(k => k.StartsWith("gold/fact_", StringComparison.Ordinal));

    private static string Tail(string table) => LakeLayout.PartitionTail(StageLake.Schemas[table], "AAPL");

    private static int Rows(StageLake lake, string table, string key) =>
        new ParquetFiles().ReadAsync(StageLake.Schemas[table], Path.Combine(lake.Folder, key), CancellationToken.None).GetAwaiter().GetResult().RowCount;
}
