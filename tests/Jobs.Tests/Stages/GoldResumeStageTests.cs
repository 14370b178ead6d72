using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Jobs.Indicators;
using StockLakehouse.Jobs.Local;
using StockLakehouse.Jobs.Stages;
using StockLakehouse.Jobs.Tests.Support;

namespace StockLakehouse.Jobs.Tests.Stages;

/// <summary>
/// Gold computing a symbol's tails from silver's tail and the state it kept of the rows before them
/// (<see cref="GoldResume"/>): on a day that only adds sessions, without reading silver's file; on any other day, from
/// the whole history. Every case leaves the rows one build over the same raw objects would, bit for bit.
/// </summary>
public sealed class GoldResumeStageTests
{
    private static readonly DateOnly[] Sessions = StageLake.TradingDays(new DateOnly(2023, 1, 3), 400);

    /// <summary>The first session of December 2023, past <see cref="IndicatorCheckpoint.Window"/> sessions.</summary>
    private static readonly int December = Array.FindIndex(Sessions, d => d >= new DateOnly(2023, 12, 1));

    [Fact]
    public async Task A_day_of_new_sessions_computes_the_tails_alone_from_the_kept_state()
    {
        using var lake = await SplitAsync();

        lake.Land("AAPL", Sessions[December + 9], Sessions[(December + 7)..(December + 10)], 157);
        var (_, gold) = await lake.RunAsync(Sessions[December + 9], "AAPL");

        Assert.Equal(1, gold.SymbolsResumed);
        // Gold read silver's tail alone: the sessions of December, not the partition's whole history.
        Assert.Equal(10, gold.RecordsIn);
        Assert.Equal(2, gold.TailsRewrittenAlone);
        var state = await DailyStageTests.GoldStateAsync(lake, "AAPL");
        Assert.Equal(Sessions[December], state.TailFrom);
        Assert.NotNull(state.Resume);
        await lake.AssertEqualsOneBuildAsync(Sessions[December + 9], "AAPL");
        await TheNextDayResumesAsync(lake);
    }

    [Fact]
    public async Task The_first_day_after_a_build_merges_silvers_tail_and_resumes_gold()
    {
        using var lake = new StageLake();
        lake.Land("AAPL", Sessions[December + 5], Sessions[..(December + 6)], 100);
        var (_, built) = await lake.RunAsync(Sessions[December + 5], "AAPL");

        // The build split both layers at the first session of November, the month before its last row's, and kept gold's
        // state there.
        Assert.Equal(0, built.SymbolsResumed);
        var state = await DailyStageTests.GoldStateAsync(lake, "AAPL");
        var november = Array.FindIndex(Sessions, d => d >= new DateOnly(2023, 11, 1));
        Assert.Equal(Sessions[november], state.TailFrom);
        Assert.Equal(IndicatorCheckpoint.Window, state.Resume!.Indicators.Closes.Length);

        // The first daily run: its lookback and new session fall in the tails.
        lake.Land("AAPL", Sessions[December + 7], Sessions[(December + 3)..(December + 8)], 153);
        var (silver, gold) = await lake.RunAsync(Sessions[December + 7], "AAPL");

        Assert.Equal(["silver/daily_bar/symbol=AAPL/part-1.parquet"], silver.Outputs.Where(k => k.EndsWith(".parquet", StringComparison.Ordinal)));
        Assert.Equal(1, gold.SymbolsResumed);
        Assert.Equal(2, gold.TailsRewrittenAlone);
        // Gold read silver's tail alone: November's sessions and December's first eight.
        Assert.Equal(December + 8 - november, gold.RecordsIn);
        await lake.AssertEqualsOneBuildAsync(Sessions[December + 7], "AAPL");
        await TheNextDayResumesAsync(lake);
    }

    [Fact]
    public async Task A_dividend_in_the_tail_computes_the_whole_history_and_the_next_day_resumes()
    {
        using var lake = await SplitAsync();

        lake.Land("AAPL", Sessions[December + 9], Sessions[(December + 7)..(December + 10)], 157, StageLake.Dividend(Sessions[December + 8], 0.5));
        var (_, gold) = await lake.RunAsync(Sessions[December + 9], "AAPL");

        // The whole history, written again with the tails where silver's starts, and a new state kept there.
        Assert.Equal(0, gold.SymbolsResumed);
        var state = await DailyStageTests.GoldStateAsync(lake, "AAPL");
        Assert.Null(state.Change);
        Assert.Equal(Sessions[December], state.TailFrom);
        Assert.NotNull(state.Resume);
        await lake.AssertEqualsOneBuildAsync(Sessions[December + 9], "AAPL");
        await TheNextDayResumesAsync(lake);
    }

    [Fact]
    public async Task A_dividend_sent_again_as_it_was_bounds_the_change_and_resumes_over_it()
    {
        using var lake = await SplitAsync();
        var dividend = StageLake.Dividend(Sessions[December + 8], 0.5);

        // A new dividend changes every earlier adjusted close: the whole history, split where silver's tail starts.
        lake.Land("AAPL", Sessions[December + 9], Sessions[(December + 7)..(December + 10)], 157, dividend);
        var (_, gold) = await lake.RunAsync(Sessions[December + 9], "AAPL");
        Assert.Equal(0, gold.SymbolsResumed);
        Assert.Equal(Sessions[December], (await DailyStageTests.GoldStateAsync(lake, "AAPL")).TailFrom);

        // The next day's lookback sends it again as it was: the change is bounded at it, and the tails are computed from the
        // state the whole computation kept, over the dividend it saw.
        lake.Land("AAPL", Sessions[December + 10], Sessions[(December + 8)..(December + 11)], 158, dividend);
        (_, gold) = await lake.RunAsync(Sessions[December + 10], "AAPL");
        var state = await DailyStageTests.GoldStateAsync(lake, "AAPL");
        Assert.Equal(1, gold.SymbolsResumed);
        Assert.Equal(Sessions[December + 8], state.Change!.Since);
        Assert.Equal(Sessions[December], state.TailFrom);
        await lake.AssertEqualsOneBuildAsync(Sessions[December + 10], "AAPL");

        // And again the day after: the tails are computed from the kept state, over the dividend the state saw.
        lake.Land("AAPL", Sessions[December + 11], Sessions[(December + 8)..(December + 12)], 158, dividend);
        (_, gold) = await lake.RunAsync(Sessions[December + 11], "AAPL");
        Assert.Equal(1, gold.SymbolsResumed);
        await lake.AssertEqualsOneBuildAsync(Sessions[December + 11], "AAPL");
    }

    [Fact]
    public async Task A_dividend_sent_again_with_another_amount_computes_the_whole_history()
    {
        using var lake = await SplitAsync();
        lake.Land("AAPL", Sessions[December + 9], Sessions[(December + 7)..(December + 10)], 157, StageLake.Dividend(Sessions[December + 8], 0.5));
        await lake.RunAsync(Sessions[December + 9], "AAPL");

        lake.Land("AAPL", Sessions[December + 10], Sessions[(December + 8)..(December + 11)], 158, StageLake.Dividend(Sessions[December + 8], 0.55));
        var (_, gold) = await lake.RunAsync(Sessions[December + 10], "AAPL");

        Assert.Equal(0, gold.SymbolsResumed);
        var state = await DailyStageTests.GoldStateAsync(lake, "AAPL");
        Assert.Null(state.Change);
        Assert.Equal(Sessions[December], state.TailFrom);
        await lake.AssertEqualsOneBuildAsync(Sessions[December + 10], "AAPL");
    }

    [Fact]
    public async Task A_correction_before_the_tails_computes_the_whole_history_and_keeps_a_new_state()
    {
        using var lake = await SplitAsync();

        // November's last sessions sent again: silver rewrites its file, so gold reads it and splits at the first of November.
        lake.Land("AAPL", Sessions[December + 9], Sessions[(December - 3)..(December + 10)], 147, request: "late");
        var (_, gold) = await lake.RunAsync(Sessions[December + 9], "AAPL");

        Assert.Equal(0, gold.SymbolsResumed);
        var state = await DailyStageTests.GoldStateAsync(lake, "AAPL");
        Assert.Equal(new DateOnly(2023, 11, 1), state.TailFrom);
        Assert.NotNull(state.Resume);
        await lake.AssertEqualsOneBuildAsync(Sessions[December + 9], "AAPL");
        await TheNextDayResumesAsync(lake);
    }

    [Fact]
    public async Task A_state_whose_checkpoint_is_incomplete_computes_the_whole_history()
    {
        using var lake = await SplitAsync();
        var key = StageState.Key(StageLake.Schemas[LakeNames.FactStockPrice], Core.Domain.Symbol.Parse("AAPL"));
        var state = await DailyStageTests.GoldStateAsync(lake, "AAPL");
        var checkpoint = state.Resume!.Indicators;
        await StageState.WriteAsync(lake.Store, key, state with { Resume = state.Resume with { Indicators = checkpoint with { Closes = checkpoint.Closes[1..] } } }, CancellationToken.None);

        lake.Land("AAPL", Sessions[December + 9], Sessions[(December + 7)..(December + 10)], 157);
        var (_, gold) = await lake.RunAsync(Sessions[December + 9], "AAPL");

        Assert.Equal(0, gold.SymbolsResumed);
        Assert.Equal(2, gold.TailsRewrittenAlone);
        await lake.AssertEqualsOneBuildAsync(Sessions[December + 9], "AAPL");
    }

    [Fact]
    public async Task Tails_of_a_month_whose_first_day_is_no_session_resume()
    {
        // 1 June 2024 is a Saturday: the tails start on the 3rd, and the run's change rows on the 1st.
        var june = Array.FindIndex(Sessions, d => d >= new DateOnly(2024, 6, 1));
        Assert.Equal(new DateOnly(2024, 6, 3), Sessions[june]);
        using var lake = await SplitAsync(june);

        lake.Land("AAPL", Sessions[june + 9], Sessions[(june + 7)..(june + 10)], 157);
        var (_, gold) = await lake.RunAsync(Sessions[june + 9], "AAPL");

        Assert.Equal(1, gold.SymbolsResumed);
        await lake.AssertEqualsOneBuildAsync(Sessions[june + 9], "AAPL");
    }

    [Fact]
    public async Task A_dividend_on_the_tails_first_session_sent_again_resumes_with_the_close_before_it()
    {
        using var lake = new StageLake();
        var dividend = StageLake.Dividend(Sessions[December], 0.5);
        lake.Land("AAPL", Sessions[December + 5], Sessions[..(December + 6)], 100, dividend);
        await lake.BuildWholeAsync(Sessions[December + 5], "AAPL");
        lake.Land("AAPL", Sessions[December + 7], Sessions[(December + 3)..(December + 8)], 153);
        await lake.RunAsync(Sessions[December + 7], "AAPL");
        Assert.Equal(Sessions[December], (await DailyStageTests.GoldStateAsync(lake, "AAPL")).TailFrom);

        // Sent again from the dividend's own session on: its factor divides by the close before the tails, kept in the state.
        lake.Land("AAPL", Sessions[December + 9], Sessions[December..(December + 10)], 170, dividend);
        var (_, gold) = await lake.RunAsync(Sessions[December + 9], "AAPL");

        Assert.Equal(1, gold.SymbolsResumed);
        Assert.Equal(Sessions[December], (await DailyStageTests.GoldStateAsync(lake, "AAPL")).Change!.Since);
        await lake.AssertEqualsOneBuildAsync(Sessions[December + 9], "AAPL");
    }

    [Fact]
    public async Task A_silver_tail_that_cannot_be_read_is_rebuilt_from_raw()
    {
        using var lake = await SplitAsync();
        lake.Land("AAPL", Sessions[December + 9], Sessions[(December + 7)..(December + 10)], 157);
        await lake.RunSilverAsync("AAPL");
        var tail = Path.Combine(lake.Folder, LakeLayout.PartitionTail(StageLake.Schemas[LakeNames.DailyBar], "AAPL"));
        File.WriteAllBytes(tail, new byte[new FileInfo(tail).Length]);

        var gold = await new LocalGoldJob(lake.NextRun()).RunAsync([Core.Domain.Symbol.Parse("AAPL")], Sessions[December + 9], null, CancellationToken.None);

        Assert.Equal(0, gold.SymbolsResumed);
        Assert.Empty(gold.RejectsByReason);
        await lake.AssertEqualsOneBuildAsync(Sessions[December + 9], "AAPL");
    }

    [Fact]
    public async Task A_history_too_short_for_a_checkpoint_keeps_no_state_and_computes_whole()
    {
        using var lake = new StageLake();
        lake.Land("AAPL", Sessions[39], Sessions[..40], 100);
        await lake.RunAsync(Sessions[39], "AAPL");
        lake.Land("AAPL", Sessions[41], Sessions[38..42], 138);
        await lake.RunAsync(Sessions[41], "AAPL");
        Assert.Null((await DailyStageTests.GoldStateAsync(lake, "AAPL")).Resume);

        lake.Land("AAPL", Sessions[42], Sessions[41..43], 141);
        var (_, gold) = await lake.RunAsync(Sessions[42], "AAPL");

        Assert.Equal(0, gold.SymbolsResumed);
        Assert.Equal(2, gold.TailsRewrittenAlone);
        await lake.AssertEqualsOneBuildAsync(Sessions[42], "AAPL");
    }

    /// <summary>The day after December's tenth session lands, gold resumes from the state it kept, bit for bit.</summary>
    private static async Task TheNextDayResumesAsync(StageLake lake)
    {
        lake.Land("AAPL", Sessions[December + 10], Sessions[(December + 9)..(December + 11)], 159);
        var (_, gold) = await lake.RunAsync(Sessions[December + 10], "AAPL");
        Assert.Equal(1, gold.SymbolsResumed);
        await lake.AssertEqualsOneBuildAsync(Sessions[December + 10], "AAPL");
    }

    /// <summary>
    /// A lake whose AAPL partitions were built as one file each from the sessions before December's sixth and then merged with its
    /// fourth to eighth: silver and gold split at the first of December, and gold keeps its state there.
    /// </summary>
    private static Task<StageLake> SplitAsync() => SplitAsync(December);

    /// <summary>As <see cref="SplitAsync()"/>, around the month whose first session is <paramref name="month"/>.</summary>
    private static async Task<StageLake> SplitAsync(int month)
    {
        var lake = new StageLake();
        lake.Land("AAPL", Sessions[month + 5], Sessions[..(month + 6)], 100);
        await lake.BuildWholeAsync(Sessions[month + 5], "AAPL");
        lake.Land("AAPL", Sessions[month + 7], Sessions[(month + 3)..(month + 8)], 153);
        var (_, gold) = await lake.RunAsync(Sessions[month + 7], "AAPL");
        Assert.Equal(0, gold.SymbolsResumed);
        var state = await DailyStageTests.GoldStateAsync(lake, "AAPL");
        Assert.Equal(Sessions[month], state.TailFrom);
        Assert.Equal(IndicatorCheckpoint.Window, state.Resume!.Indicators.Closes.Length);
        Assert.True(File.Exists(Path.Combine(lake.Folder, LakeLayout.PartitionTail(StageLake.Schemas[LakeNames.DailyBar], "AAPL"))));
        return lake;
    }
}
