using System.Globalization;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Parquet;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;
using StockLakehouse.Jobs.Stages;
using StockLakehouse.Jobs.Tests.Support;

namespace StockLakehouse.Jobs.Tests.Stages;

/// <summary>
/// Gold's record of where a symbol's new rows can differ from the previous computation's (<see cref="GoldChange"/>):
/// it is given only when it holds — every gold row before it bit for bit the same — and withheld whenever a corporate
/// action can change earlier rows or silver's kept rows are not the ones gold read. (<see cref="DailyStageTests"/>
/// also checks it is withheld for a dividend arriving, a rebuilt silver partition and another company version.)
/// </summary>
public sealed class GoldChangeTests
{
    private static readonly DateOnly[] Sessions = StageLake.TradingDays(new DateOnly(2024, 1, 2), 60);

    [Theory]
    [InlineData("none")]
    [InlineData("dividend")]
    [InlineData("split")]
    public async Task A_new_session_with_a_lookback_bounds_the_change_at_the_first_session_sent_again_and_keeps_every_earlier_row(string earlierEvent)
    {
        // A corporate action well before the lookback (session 20) does not withhold the bound: the adjusted close's
        // backward pass meets it only after every changed session, with the same factors as before.
        var events = earlierEvent switch
        {
            "dividend" => StageLake.Dividend(Sessions[20], 2.5),
            "split" => StageLake.Split(Sessions[20], 2, 1),
            _ => null,
        };
        using var lake = new StageLake();
        lake.Land("AAPL", Sessions[39], Sessions[..40], 100, events);
        await lake.RunAsync(Sessions[39], "AAPL");
        var previous = await DailyStageTests.GoldStateAsync(lake, "AAPL");
        var before = await RowsAsync(lake, "AAPL");

        // The daily object sends sessions 35–39 again at other prices (late corrections) and adds 40 and 41.
        lake.Land("AAPL", Sessions[41], Sessions[35..42], 136);
        await lake.RunAsync(Sessions[41], "AAPL");

        var state = await DailyStageTests.GoldStateAsync(lake, "AAPL");
        var monthStart = new DateOnly(Sessions[35].Year, Sessions[35].Month, 1);
        Assert.Equal(new GoldChange(previous.Fingerprint!, Sessions[35]) { Rows = new GoldChangeRows(lake.RunId, monthStart) }, state.Change);
        var after = await RowsAsync(lake, "AAPL");
        // The run's change files hold exactly the partitions' rows from the first of the change's month on.
        var changed = await ChangeFileRowsAsync(lake, lake.RunId);
        foreach (var table in after.Keys)
        {
            Assert.Equal(after[table].Where(r => r.Date >= monthStart).Select(r => r.Bits), changed[table].Select(r => r.Bits));
            Assert.True(changed[table].Length < after[table].Length);
        }

        foreach (var table in before.Keys)
        {
            var kept = after[table].Where(r => r.Date < Sessions[35]).ToArray();
            Assert.Equal(35, kept.Length);
            Assert.Equal(before[table].Where(r => r.Date < Sessions[35]).Select(r => r.Bits), kept.Select(r => r.Bits));
            // The bound is not loose: the first session sent again did change.
            Assert.NotEqual(before[table].Single(r => r.Date == Sessions[35]).Bits, after[table].Single(r => r.Date == Sessions[35]).Bits);
        }

        if (earlierEvent != "none")
        {
            // The event did adjust the sessions before it, so the rows compared above carry it.
            var facts = await new ParquetFiles().ReadAsync(StageLake.Schemas[LakeNames.FactStockPrice], lake.PathOf(LakeNames.FactStockPrice, "AAPL"), CancellationToken.None);
            Assert.NotEqual(facts.Get<DoubleColumn>("close").Values[19], facts.Get<DoubleColumn>("adj_close").Values[19]);
        }

        await lake.AssertEqualsOneBuildAsync(Sessions[41], "AAPL");
    }

    [Fact]
    public async Task A_lookback_sent_again_unchanged_bounds_the_change_at_the_first_new_session()
    {
        using var lake = new StageLake();
        lake.Land("AAPL", Sessions[39], Sessions[..40], 100, StageLake.Dividend(Sessions[37], 0.5));
        await lake.RunAsync(Sessions[39], "AAPL");
        var previous = await DailyStageTests.GoldStateAsync(lake, "AAPL");
        var before = await RowsAsync(lake, "AAPL");

        // Sessions 35–39 come again with the prices, volumes and dividend they had (a day's lookback), and 40–41 are new.
        lake.Land("AAPL", Sessions[41], Sessions[35..42], 135, StageLake.Dividend(Sessions[37], 0.5), volume: 1_035);
        await lake.RunAsync(Sessions[41], "AAPL");

        var silver = await StageState.ReadAsync<SilverPartitionState>(lake.Store, StageState.Key(StageLake.Schemas[LakeNames.DailyBar], Symbol.Parse("AAPL")), CancellationToken.None);
        Assert.Equal(Sessions[40], silver!.ChangedFrom);
        var state = await DailyStageTests.GoldStateAsync(lake, "AAPL");
        var monthStart = new DateOnly(Sessions[40].Year, Sessions[40].Month, 1);
        Assert.Equal(new GoldChange(previous.Fingerprint!, Sessions[40]) { Rows = new GoldChangeRows(lake.RunId, monthStart) }, state.Change);
        var after = await RowsAsync(lake, "AAPL");
        foreach (var table in before.Keys)
        {
            Assert.Equal(before[table].Select(r => r.Bits), after[table].Where(r => r.Date < Sessions[40]).Select(r => r.Bits));
        }

        await lake.AssertEqualsOneBuildAsync(Sessions[41], "AAPL");
    }

    [Fact]
    public async Task A_lookback_sent_again_with_one_volume_corrected_bounds_the_change_at_that_session()
    {
        using var lake = new StageLake();
        lake.Land("AAPL", Sessions[39], Sessions[..40], 100);
        await lake.RunAsync(Sessions[39], "AAPL");
        var previous = await DailyStageTests.GoldStateAsync(lake, "AAPL");

        // Sessions 35–39 again, as they were but for session 38's volume; the volume is in no indicator, so only the
        // fact rows from session 38 on differ.
        var body = Some.Chart("AAPL", Sessions[35..42].Select((d, i) => (Some.SessionOpen(d), 135.0 + i, 136.0 + i, 134.0 + i, 135.5 + i, i == 3 ? 7L : 1_035L + i)), null);
        lake.LandBody("AAPL", Sessions[41], Sessions[35], Sessions[41], body);
        await lake.RunAsync(Sessions[41], "AAPL");

        var state = await DailyStageTests.GoldStateAsync(lake, "AAPL");
        Assert.Equal(new GoldChange(previous.Fingerprint!, Sessions[38]) { Rows = new GoldChangeRows(lake.RunId, new DateOnly(Sessions[38].Year, Sessions[38].Month, 1)) }, state.Change);
        await lake.AssertEqualsOneBuildAsync(Sessions[41], "AAPL");
    }

    [Fact]
    public async Task A_dividend_withdrawn_by_a_correction_withholds_the_change()
    {
        using var lake = new StageLake();
        lake.Land("AAPL", Sessions[39], Sessions[..40], 100, StageLake.Dividend(Sessions[37], 2.5));
        await lake.RunAsync(Sessions[39], "AAPL");

        // The next object sends session 37 again without the dividend: the adjusted history before it changes back.
        lake.Land("AAPL", Sessions[41], Sessions[35..42], 135);
        await lake.RunAsync(Sessions[41], "AAPL");

        Assert.Null((await DailyStageTests.GoldStateAsync(lake, "AAPL")).Change);
        await lake.AssertEqualsOneBuildAsync(Sessions[41], "AAPL");
    }

    [Fact]
    public async Task Two_silver_merges_without_gold_between_them_withhold_the_change()
    {
        using var lake = new StageLake();
        lake.Land("AAPL", Sessions[39], Sessions[..40], 100);
        await lake.RunAsync(Sessions[39], "AAPL");
        lake.Land("AAPL", Sessions[40], Sessions[35..41], 135);
        await lake.RunSilverAsync("AAPL");

        lake.Land("AAPL", Sessions[41], Sessions[36..42], 136);
        await lake.RunAsync(Sessions[41], "AAPL");

        Assert.Null((await DailyStageTests.GoldStateAsync(lake, "AAPL")).Change);
        await lake.AssertEqualsOneBuildAsync(Sessions[41], "AAPL");
    }

    [Fact]
    public async Task The_change_files_hold_each_changed_symbols_recent_rows_in_symbol_order_and_none_of_a_symbol_changed_far_back()
    {
        var sessions = StageLake.TradingDays(new DateOnly(2024, 1, 2), 120);
        using var lake = new StageLake();
        lake.Land("MSFT", sessions[99], sessions[..100], 300);
        lake.Land("AAPL", sessions[99], sessions[..100], 100);
        lake.Land("KO", sessions[99], sessions[..100], 50);
        await lake.RunAsync(sessions[99], "MSFT", "AAPL", "KO");

        // MSFT and AAPL get a session with a lookback; KO a late correction of its third session, four months back, so
        // its rows from the first of that month are more than a change file keeps for one symbol.
        lake.Land("MSFT", sessions[100], sessions[96..101], 396);
        lake.Land("AAPL", sessions[100], sessions[96..101], 196);
        lake.Land("KO", sessions[100], [sessions[2], sessions[100]], 60);
        await lake.RunAsync(sessions[100], "MSFT", "AAPL", "KO");

        var changed = await ChangeFileRowsAsync(lake, lake.RunId);
        foreach (var symbol in new[] { "AAPL", "MSFT" })
        {
            var state = await DailyStageTests.GoldStateAsync(lake, symbol);
            Assert.Equal(new GoldChangeRows(lake.RunId, new DateOnly(sessions[96].Year, sessions[96].Month, 1)), state.Change?.Rows);
        }

        var ko = await DailyStageTests.GoldStateAsync(lake, "KO");
        Assert.Equal(sessions[2], ko.Change?.Since);
        Assert.Null(ko.Change!.Rows);
        foreach (var table in changed.Keys)
        {
            Assert.Equal(["AAPL", "MSFT"], changed[table].Select(r => r.Symbol).Distinct());
            Assert.Equal(changed[table].Select(r => r.Symbol).Order(StringComparer.Ordinal), changed[table].Select(r => r.Symbol));
        }

        await lake.AssertEqualsOneBuildAsync(sessions[100], "MSFT", "AAPL", "KO");
    }

    [Fact]
    public async Task A_runs_change_files_stay_while_a_state_names_them_and_go_when_none_does()
    {
        using var lake = new StageLake();
        lake.Land("AAPL", Sessions[39], Sessions[..40], 100);
        lake.Land("MSFT", Sessions[39], Sessions[..40], 300);
        await lake.RunAsync(Sessions[39], "AAPL", "MSFT");
        lake.Land("AAPL", Sessions[40], Sessions[36..41], 136);
        lake.Land("MSFT", Sessions[40], Sessions[36..41], 336);
        await lake.RunAsync(Sessions[40], "AAPL", "MSFT");
        var both = lake.RunId;

        // Only MSFT changes: AAPL's state, kept, still names the run that changed both.
        lake.Land("MSFT", Sessions[41], Sessions[37..42], 337);
        await lake.RunAsync(Sessions[41], "AAPL", "MSFT");
        var msftOnly = lake.RunId;
        Assert.Equal([both, msftOnly], ChangeFileRuns(lake));

        // Now AAPL changes too: no state names the first run any more, MSFT's still names the second.
        lake.Land("AAPL", Sessions[42], Sessions[38..43], 138);
        await lake.RunAsync(Sessions[42], "AAPL", "MSFT");

        var bothAgain = lake.RunId;
        Assert.Equal([msftOnly, bothAgain], ChangeFileRuns(lake));
        Assert.Equal(msftOnly, (await DailyStageTests.GoldStateAsync(lake, "MSFT")).Change?.Rows?.RunId);
        Assert.Equal(bothAgain, (await DailyStageTests.GoldStateAsync(lake, "AAPL")).Change?.Rows?.RunId);

        // A run of MSFT alone does not see AAPL's state, so it deletes nothing, not even the run no state names any more.
        lake.Land("MSFT", Sessions[43], Sessions[39..44], 339);
        await lake.RunAsync(Sessions[43], "MSFT");

        Assert.Equal([msftOnly, bothAgain, lake.RunId], ChangeFileRuns(lake));
    }

    /// <summary>The runs with change files in the lake, each holding a file of both fact tables.</summary>
    private static string[] ChangeFileRuns(StageLake lake)
    {
        var runs = new[] { LakeNames.FactStockPrice, LakeNames.FactTechnicalIndicator }
            .Select(table => Directory.EnumerateFiles(Path.Combine(lake.Folder, LakeLayout.ChangesRoot, "gold", table), "*.parquet", SearchOption.AllDirectories)
                .Select(f => Path.GetFileName(Path.GetDirectoryName(f))!["run_id=".Length..])
                .Order(StringComparer.Ordinal)
                .ToArray())
            .ToArray();
        Assert.Equal(runs[0], runs[1]);
        return runs[0];
    }

    [Fact]
    public async Task A_run_that_changes_no_symbol_from_a_date_writes_no_change_file()
    {
        using var lake = new StageLake();
        lake.Land("AAPL", Sessions[39], Sessions[..40], 100);
        await lake.RunAsync(Sessions[39], "AAPL");

        Assert.Null((await DailyStageTests.GoldStateAsync(lake, "AAPL")).Change);
        Assert.False(Directory.Exists(Path.Combine(lake.Folder, LakeLayout.ChangesRoot)));
    }

    /// <summary>Each fact table's rows in the change file of run <paramref name="runId"/>: the symbol, the trade date and every value.</summary>
    private static async Task<Dictionary<string, (string Symbol, DateOnly Date, string Bits)[]>> ChangeFileRowsAsync(StageLake lake, string runId)
    {
        var rows = new Dictionary<string, (string, DateOnly, string)[]>();
        foreach (var table in new[] { LakeNames.FactStockPrice, LakeNames.FactTechnicalIndicator })
        {
            var path = Path.Combine(lake.Folder, LakeLayout.Changes(StageLake.Schemas[table], runId));
            rows[table] = BitsOf(await new ParquetFiles().ReadAsync(StageLake.Schemas[table], path, CancellationToken.None))
                .Select(r => ((string)r.Batch.Get<StringColumn>("symbol").GetValue(r.Row)!, r.Date, r.Bits))
                .ToArray();
        }

        return rows;
    }

    /// <summary>Each fact table's rows (its file's, then its tail's): the trade date and every value, doubles by their bits.</summary>
    private static async Task<Dictionary<string, (DateOnly Date, string Bits)[]>> RowsAsync(StageLake lake, string symbol)
    {
        var rows = new Dictionary<string, (DateOnly, string)[]>();
        foreach (var table in new[] { LakeNames.FactStockPrice, LakeNames.FactTechnicalIndicator })
        {
            var batch = (await new PartitionStore(lake.Store, new ParquetFiles()).ReadAsync(StageLake.Schemas[table], symbol, CancellationToken.None))!;
            rows[table] = BitsOf(batch).Select(r => (r.Date, r.Bits)).ToArray();
        }

        return rows;
    }

    private static IEnumerable<(RecordBatch Batch, int Row, DateOnly Date, string Bits)> BitsOf(RecordBatch batch)
    {
        var dates = batch.Get<DateColumn>("trade_date");
        return Enumerable.Range(0, batch.RowCount)
            .Select(i => (batch, i, (DateOnly)dates.GetValue(i)!, string.Join("|", batch.Columns.Select(c => Bits(c.GetValue(i))))));
    }

    private static string Bits(object? value) => value switch
    {
        null => "null",
        double d => BitConverter.DoubleToInt64Bits(d).ToString("x16", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null",
    };
}
