using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Parquet;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;
using StockLakehouse.Jobs.Stages;
using StockLakehouse.Jobs.Tests.Support;

namespace StockLakehouse.Jobs.Tests.Stages;

/// <summary>
/// Daily runs of the local silver and gold jobs do only what changed, and leave the lake as one build over the same
/// raw objects would: the same silver and gold files, byte for byte, and the same quarantine.
/// </summary>
public sealed class DailyStageTests
{
    private static readonly DateOnly[] Sessions = StageLake.TradingDays(new DateOnly(2024, 1, 2), 60);

    [Fact]
    public async Task A_symbol_without_new_raw_objects_keeps_its_partitions_untouched_and_its_rejects()
    {
        using var lake = new StageLake();
        lake.Land("AAPL", Sessions[39], Sessions[..40], 100);
        var damaged = lake.Land("AAPL", Sessions[39], Sessions[30..40], 130, request: "damaged");
        await lake.Store.PutAsync(LakeLayout.RawMetadata(damaged), Some.Metadata("AAPL", Sessions[30], Sessions[39]).ToJson(), CancellationToken.None);
        lake.Land("MSFT", Sessions[39], Sessions[..40], 300);
        await lake.RunAsync(Sessions[39], "AAPL", "MSFT");
        var msft = await GoldStateAsync(lake, "MSFT");
        string[] untouched = [lake.PathOf(LakeNames.DailyBar, "AAPL"), lake.PathOf(LakeNames.FactStockPrice, "AAPL"), lake.PathOf(LakeNames.FactTechnicalIndicator, "AAPL")];
        var before = untouched.Select(File.GetLastWriteTimeUtc).ToArray();

        lake.Land("MSFT", Sessions[41], Sessions[35..42], 335);
        var (silver, gold) = await lake.RunAsync(Sessions[41], "AAPL", "MSFT");

        Assert.Equal(before, untouched.Select(File.GetLastWriteTimeUtc).ToArray());
        Assert.DoesNotContain(silver.Outputs.Concat(gold.Outputs), key => key.Contains("symbol=AAPL", StringComparison.Ordinal));
        // MSFT's 40 sessions all lie within the two months a build keeps in a tail, so the build wrote one file, and the
        // first merge splits it at the first session sent again: the base file keeps the rows before it, the tail the rest,
        // which the next days rewrite alone (A_second_merge_rewrites_the_tail_alone).
        Assert.Equal(["silver/daily_bar/symbol=MSFT/part-0.parquet", "silver/daily_bar/symbol=MSFT/part-1.parquet"], silver.Outputs.Where(k => k.EndsWith(".parquet", StringComparison.Ordinal)));
        Assert.Contains("gold/fact_stock_price/symbol=MSFT/part-0.parquet", gold.Outputs);
        // MSFT's silver was merged from its kept partition and the new object's 7 bars, not rebuilt from all 47.
        Assert.Equal(7, silver.RecordsIn);
        // Gold knows MSFT's rows before the first session sent again are those it wrote before (GoldChangeTests).
        // (Where the run's change files hold its rows is GoldChangeTests' concern.)
        Assert.Equal(new GoldChange(msft.Fingerprint!, Sessions[35]), (await GoldStateAsync(lake, "MSFT")).Change! with { Rows = null });
        // AAPL was skipped, yet the run's quarantine still holds the reject of its damaged object, as one build's does.
        Assert.Contains($"\"raw_object\":\"{damaged}\"", lake.Quarantine(LakeNames.DailyBar), StringComparison.Ordinal);
        await lake.AssertEqualsOneBuildAsync(Sessions[41], "AAPL", "MSFT");
    }

    [Fact]
    public async Task A_new_dividend_recomputes_the_symbols_whole_adjusted_history()
    {
        using var lake = new StageLake();
        lake.Land("AAPL", Sessions[39], Sessions[..40], 100);
        await lake.RunAsync(Sessions[39], "AAPL");
        var adjustedBefore = await AdjCloseAsync(lake, "AAPL");

        lake.Land("AAPL", Sessions[41], Sessions[35..42], 135, StageLake.Dividend(Sessions[37], 2.5));
        var (silver, gold) = await lake.RunAsync(Sessions[41], "AAPL");

        Assert.Equal(7, silver.RecordsIn);
        Assert.Contains("gold/fact_stock_price/symbol=AAPL/part-0.parquet", gold.Outputs);
        Assert.Contains("gold/fact_technical_indicator/symbol=AAPL/part-0.parquet", gold.Outputs);
        var adjustedAfter = await AdjCloseAsync(lake, "AAPL");
        Assert.Equal(42, adjustedAfter.Length);
        Assert.True(adjustedAfter[0] < adjustedBefore[0], $"The first bar's adj_close stayed {adjustedAfter[0]} after a dividend arrived.");
        // So gold records no bound on where the rows changed, and the load takes the partition whole.
        Assert.Null((await GoldStateAsync(lake, "AAPL")).Change);
        await lake.AssertEqualsOneBuildAsync(Sessions[41], "AAPL");
    }

    [Fact]
    public async Task An_object_of_an_earlier_ingest_date_than_the_kept_ones_rebuilds_the_partition_from_every_object()
    {
        using var lake = new StageLake();
        lake.Land("AAPL", Sessions[39], Sessions[20..40], 120);
        await lake.RunAsync(Sessions[39], "AAPL");

        // A backfill of older sessions lands under its range's end, before the kept object's ingest date.
        lake.Land("AAPL", Sessions[21], Sessions[..22], 99);
        var (silver, _) = await lake.RunAsync(Sessions[39], "AAPL");

        Assert.Equal(42, silver.RecordsIn);
        Assert.Null((await GoldStateAsync(lake, "AAPL")).Change);
        await lake.AssertEqualsOneBuildAsync(Sessions[39], "AAPL");
    }

    [Fact]
    public async Task Gold_recomputes_a_symbol_whose_partition_is_missing_even_when_its_inputs_did_not_change()
    {
        using var lake = new StageLake();
        lake.Land("AAPL", Sessions[39], Sessions[..40], 100);
        await lake.RunAsync(Sessions[39], "AAPL");
        File.Delete(lake.PathOf(LakeNames.FactTechnicalIndicator, "AAPL"));

        var (silver, gold) = await lake.RunAsync(Sessions[39], "AAPL");

        Assert.DoesNotContain(silver.Outputs, k => k.EndsWith(".parquet", StringComparison.Ordinal));
        Assert.Contains("gold/fact_technical_indicator/symbol=AAPL/part-0.parquet", gold.Outputs);
        await lake.AssertEqualsOneBuildAsync(Sessions[39], "AAPL");
    }

    [Fact]
    public async Task Silver_rebuilds_a_symbol_whose_partition_was_written_over_in_place_instead_of_merging_into_it()
    {
        using var lake = new StageLake();
        lake.Land("AAPL", Sessions[39], Sessions[..40], 100);
        await lake.RunAsync(Sessions[39], "AAPL");
        var silverFile = lake.PathOf(LakeNames.DailyBar, "AAPL");
        using (var other = new StageLake())
        {
            // A readable silver partition of the same symbol with other bars: merging into it would keep them.
            other.Land("AAPL", Sessions[39], Sessions[..40], 170);
            await other.RunAsync(Sessions[39], "AAPL");
            File.Copy(other.PathOf(LakeNames.DailyBar, "AAPL"), silverFile, overwrite: true);
        }

        File.SetLastWriteTimeUtc(silverFile, File.GetLastWriteTimeUtc(silverFile).AddSeconds(1));
        lake.Land("AAPL", Sessions[41], Sessions[35..42], 135);

        var (silver, _) = await lake.RunAsync(Sessions[41], "AAPL");

        // Rebuilt from all 47 bars of both objects, not merged from the replaced partition and the new object's 7.
        Assert.Equal(47, silver.RecordsIn);
        await lake.AssertEqualsOneBuildAsync(Sessions[41], "AAPL");
    }

    [Fact]
    public async Task Silver_rebuilds_an_alpha_vantage_symbol_whose_company_currency_changed_though_no_raw_object_did()
    {
        using var lake = new StageLake();
        // XMPL is in no shipped reference: its Alpha Vantage bars take the currency of its newest landed company version.
        await LandCompanyAsync(lake, Sessions[0], "USD");
        LandAlphaVantage(lake, "XMPL", Sessions[39], Sessions[..40]);
        await lake.RunAsync(Sessions[39], "XMPL");
        await LandCompanyAsync(lake, Sessions[40], "EUR");

        var (silver, _) = await lake.RunAsync(Sessions[41], "XMPL");

        // Rebuilt from its one object's 40 bars, now in euros, rather than skipped as unchanged.
        Assert.Equal(40, silver.RecordsIn);
        Assert.Contains("silver/daily_bar/symbol=XMPL/part-0.parquet", silver.Outputs);
        await lake.AssertEqualsOneBuildAsync(Sessions[41], "XMPL");
    }

    [Fact]
    public async Task An_alpha_vantage_symbol_merges_a_later_object_whose_overlapping_sessions_win()
    {
        using var lake = new StageLake();
        await LandCompanyAsync(lake, Sessions[0], "USD");
        LandAlphaVantage(lake, "XMPL", Sessions[39], Sessions[..40]);
        await lake.RunAsync(Sessions[39], "XMPL");

        // A compact answer fetched two sessions later: its five overlapping sessions carry other prices, and it wins them.
        LandAlphaVantage(lake, "XMPL", Sessions[41], Sessions[35..42]);
        var (silver, _) = await lake.RunAsync(Sessions[41], "XMPL");

        // Merged from the kept partition and the new object's 7 bars, not rebuilt from all 47.
        Assert.Equal(7, silver.RecordsIn);
        Assert.Contains("silver/daily_bar/symbol=XMPL/part-0.parquet", silver.Outputs);
        await lake.AssertEqualsOneBuildAsync(Sessions[41], "XMPL");
    }

    [Fact]
    public async Task Gold_recomputes_a_symbol_whose_company_gained_a_version_though_its_silver_did_not_change()
    {
        using var lake = new StageLake();
        lake.Land("AAPL", Sessions[39], Sessions[..40], 100);
        lake.Land("MSFT", Sessions[39], Sessions[..40], 300);
        await lake.RunAsync(Sessions[39], "AAPL", "MSFT");
        // A company file landed mid-history moves AAPL to another sector: dim_company gains a version from that date.
        await lake.LandAppleSectorChangeAsync(Sessions[20]);

        var (silver, gold) = await lake.RunAsync(Sessions[39], "AAPL", "MSFT");

        Assert.DoesNotContain(silver.Outputs, k => k.EndsWith(".parquet", StringComparison.Ordinal));
        Assert.Contains("gold/fact_stock_price/symbol=AAPL/part-0.parquet", gold.Outputs);
        Assert.DoesNotContain("gold/fact_stock_price/symbol=MSFT/part-0.parquet", gold.Outputs);
        Assert.Null((await GoldStateAsync(lake, "AAPL")).Change);
        await lake.AssertEqualsOneBuildAsync(Sessions[39], "AAPL", "MSFT");
    }

    [Fact]
    public async Task Gold_recomputes_a_symbol_whose_partition_was_written_over_in_place_with_as_many_bytes()
    {
        using var lake = new StageLake();
        lake.Land("AAPL", Sessions[39], Sessions[..40], 100);
        await lake.RunAsync(Sessions[39], "AAPL");
        var facts = lake.PathOf(LakeNames.FactStockPrice, "AAPL");
        var written = File.GetLastWriteTimeUtc(facts);
        File.WriteAllBytes(facts, new byte[new FileInfo(facts).Length]);
        File.SetLastWriteTimeUtc(facts, written.AddSeconds(1));

        var (_, gold) = await lake.RunAsync(Sessions[39], "AAPL");

        Assert.Contains("gold/fact_stock_price/symbol=AAPL/part-0.parquet", gold.Outputs);
        await lake.AssertEqualsOneBuildAsync(Sessions[39], "AAPL");
    }

    [Fact]
    public async Task A_state_that_cannot_be_read_makes_the_stages_recompute_rather_than_skip()
    {
        using var lake = new StageLake();
        lake.Land("AAPL", Sessions[39], Sessions[..40], 100);
        await lake.RunAsync(Sessions[39], "AAPL");
        var symbol = Core.Domain.Symbol.Parse("AAPL");
        await lake.Store.PutAsync(StageState.Key(StageLake.Schemas[LakeNames.DailyBar], symbol), "{\"Code\":null}"u8.ToArray(), CancellationToken.None);
        await lake.Store.PutAsync(StageState.Key(StageLake.Schemas[LakeNames.FactStockPrice], symbol), "not json"u8.ToArray(), CancellationToken.None);

        var (silver, gold) = await lake.RunAsync(Sessions[39], "AAPL");

        Assert.Equal(40, silver.RecordsIn);
        Assert.Contains("gold/fact_stock_price/symbol=AAPL/part-0.parquet", gold.Outputs);
        var (again, goldAgain) = await lake.RunAsync(Sessions[39], "AAPL");
        Assert.Equal(0, again.RecordsIn);
        Assert.Equal(3, goldAgain.PartitionsWritten);
    }

    /// <summary>Lands a company file describing XMPL in <paramref name="currency"/>, effective on <paramref name="ingest"/>.</summary>
    private static Task LandCompanyAsync(StageLake lake, DateOnly ingest, string currency) =>
        lake.Store.PutAsync(
            LakeLayout.RawObject(LakeNames.Reference, LakeNames.Companies, ingest, "companies", "r")[..^".json".Length] + ".csv",
            Encoding.UTF8.GetBytes($"symbol,name,mic,sector,industry,currency,country,ipo_date,delisting_date\nXMPL,Example Corp,XNYS,Industrials,Machinery,{currency},US,,\n"),
            CancellationToken.None);

    /// <summary>Lands a TIME_SERIES_DAILY answer for <paramref name="symbol"/> with a close of <c>50 + i</c> on the i-th session, and its metadata.</summary>
    internal static void LandAlphaVantage(StageLake lake, string symbol, DateOnly ingest, IReadOnlyList<DateOnly> sessions)
    {
        var series = string.Join(",", sessions.Reverse().Select((d, i) =>
            string.Create(CultureInfo.InvariantCulture, $"\"{d:yyyy-MM-dd}\":{{\"1. open\":\"{50 + i}\",\"2. high\":\"{51 + i}\",\"3. low\":\"{49 + i}\",\"4. close\":\"{50.5 + i}\",\"5. volume\":\"{1000 + i}\"}}")));
        var body = Encoding.UTF8.GetBytes("{\"Meta Data\":{\"2. Symbol\":\"" + symbol + "\",\"5. Time Zone\":\"US/Eastern\"},\"Time Series (Daily)\":{" + series + "}}");
        var key = LakeLayout.RawObject(LakeNames.AlphaVantage, LakeNames.TimeSeriesDaily, ingest, symbol, "av");
        var metadata = Some.Metadata(symbol, sessions[0], sessions[^1]) with
        {
            Source = LakeNames.AlphaVantage,
            Dataset = LakeNames.TimeSeriesDaily,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(body)),
            Bytes = body.Length,
        };
        lake.Store.PutAsync(key, body, CancellationToken.None).GetAwaiter().GetResult();
        lake.Store.PutAsync(LakeLayout.RawMetadata(key), metadata.ToJson(), CancellationToken.None).GetAwaiter().GetResult();
    }

    internal static async Task<GoldPartitionState> GoldStateAsync(StageLake lake, string symbol) =>
        await StageState.ReadAsync<GoldPartitionState>(lake.Store, StageState.Key(StageLake.Schemas[LakeNames.FactStockPrice], Symbol.Parse(symbol)), CancellationToken.None)
        ?? throw new InvalidOperationException($"Gold left no state for {symbol}.");

    /// <summary>The symbol's adjusted closes, its partition's file and then its tail's.</summary>
    private static async Task<double[]> AdjCloseAsync(StageLake lake, string symbol)
    {
        var facts = await new PartitionStore(lake.Store, new ParquetFiles()).ReadAsync(StageLake.Schemas[LakeNames.FactStockPrice], symbol, CancellationToken.None);
        return facts!.Get<DoubleColumn>("adj_close").Values;
    }
}
