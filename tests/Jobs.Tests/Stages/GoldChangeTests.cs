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
        Assert.Equal(new GoldChange(previous.Fingerprint!, Sessions[35]), state.Change);
        var after = await RowsAsync(lake, "AAPL");
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

    /// <summary>Each fact table's rows: the trade date and every value, doubles by their bits.</summary>
    private static async Task<Dictionary<string, (DateOnly Date, string Bits)[]>> RowsAsync(StageLake lake, string symbol)
    {
        var rows = new Dictionary<string, (DateOnly, string)[]>();
        foreach (var table in new[] { LakeNames.FactStockPrice, LakeNames.FactTechnicalIndicator })
        {
            var batch = await new ParquetFiles().ReadAsync(StageLake.Schemas[table], lake.PathOf(table, symbol), CancellationToken.None);
            var dates = batch.Get<DateColumn>("trade_date");
            rows[table] = Enumerable.Range(0, batch.RowCount)
                .Select(i => ((DateOnly)dates.GetValue(i)!, string.Join("|", batch.Columns.Select(c => Bits(c.GetValue(i))))))
                .ToArray();
        }

        return rows;
    }

    private static string Bits(object? value) => value switch
    {
        null => "null",
        double d => BitConverter.DoubleToInt64Bits(d).ToString("x16", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null",
    };
}
