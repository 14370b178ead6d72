using System.Text;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;
using StockLakehouse.Jobs.Stages;
using StockLakehouse.SparkHost.Tests.Support;

namespace StockLakehouse.SparkHost.Tests;

/// <summary>
/// The whole transform built twice from the same raw objects: once by the local runner, once through the Spark host's
/// driver (<see cref="StageDriver"/>, the sequence the host runs) with its grouped-map UDFs on Arrow batches shaped as
/// Spark hands them, grouped by the driver's own queries. Every silver and gold file and every quarantine file must
/// come out byte for byte the same.
/// </summary>
public sealed class StageParityTests : RunnerComparison
{
    private static readonly DateOnly RunEnd = new(2025, 1, 10);

    [Fact]
    public async Task LocalRunnerAndSparkPath_SameRawObjects_WriteIdenticalPartitionsAndQuarantine()
    {
        LandUniverse(Local);
        Local.CopyTo(Spark, LakeLayout.RawRoot + "/");
        Local.CopyTo(Spark, "silver/");

        var silverReport = await Local.RunLocalSilverAsync([.. Universe.Select(Symbol.Parse)]);
        var goldSymbols = Universe.Append("GONE").Order(StringComparer.Ordinal).Select(Symbol.Parse).ToArray();
        var goldReport = await Local.RunLocalGoldAsync(RunEnd, goldSymbols);
        var (sparkSilver, sparkGold) = await RunSparkPathAsync();

        // The universe exercises what it should: bad objects, the unknown company, the lost silver partition.
        Assert.Contains("invalid_metadata", silverReport.RejectsByReason.Keys);
        Assert.Contains("body_mismatch", silverReport.RejectsByReason.Keys);
        Assert.Contains("missing_metadata", silverReport.RejectsByReason.Keys);
        Assert.Contains("unknown_company", goldReport.RejectsByReason.Keys);
        Assert.Contains("unreadable_partition", goldReport.RejectsByReason.Keys);
        Assert.Contains("invalid_company_file", goldReport.RejectsByReason.Keys);
        var xmpl = Local.ReadPartition("daily_bar", "XMPL")!;
        Assert.Contains(xmpl.Get<DoubleColumn>("split_ratio").Values, r => r != 1);
        Assert.Contains(xmpl.Get<DoubleColumn>("dividend").Values, d => d > 0);
        Assert.Equal(xmpl.RowCount, Local.ReadPartition("fact_stock_price", "XMPL")?.RowCount);

        Assert.Equal(Totals(silverReport), Totals(sparkSilver));
        Assert.Equal(Totals(goldReport), Totals(sparkGold));
        var local = Local.Objects("silver/").Concat(Local.Objects("gold/")).Concat(Local.Objects("_quarantine/")).ToArray();
        var spark = Spark.Objects("silver/").Concat(Spark.Objects("gold/")).Concat(Spark.Objects("_quarantine/")).ToArray();
        Assert.Equal(local.Select(o => o.Key), spark.Select(o => o.Key));
        string[] quarantined = ["_quarantine/silver/daily_bar/", "_quarantine/gold/fact_stock_price/", "_quarantine/gold/dim_company/"];
        Assert.All(quarantined, prefix => Assert.Contains(local, o => o.Key.StartsWith(prefix, StringComparison.Ordinal)));
        foreach (var ((key, expected), (_, actual)) in local.Zip(spark))
        {
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"'{key}' differs between the local runner and the Spark path.");
        }
    }

    /// <summary>The symbols with raw daily bars in <see cref="LandUniverse"/>.</summary>
    private static readonly string[] Universe = ["AAPL", "IBM", "MSFT", "XMPL", "ZZZZ"];

    /// <summary>
    /// AAPL: two Yahoo objects, one with a bar after its requested end. IBM: two Alpha Vantage objects (currency from the
    /// reference). XMPL: a Yahoo payload with a split, a dividend and defects, in no reference file but in a company file
    /// the lake holds. ZZZZ: bars of a company nobody describes. MSFT: one object whose metadata is garbage, one whose
    /// body changed after landing, one without metadata. GONE: a silver partition that is not Parquet and no raw
    /// objects. And one landed company file that cannot be read.
    /// </summary>
    private static void LandUniverse(TempLake lake)
    {
        var aapl = FixtureFiles.Bytes("yahoo-live/chart-aapl-2025-01-02-to-10.json");
        lake.LandRaw("yahoo", "chart", "AAPL", new DateOnly(2025, 1, 8), FixtureFiles.Bytes("yahoo-live/chart-aapl-with-bar-after-end.json"), new DateOnly(2025, 1, 6), new DateOnly(2025, 1, 8));
        lake.LandRaw("yahoo", "chart", "AAPL", RunEnd, aapl, new DateOnly(2025, 1, 2), RunEnd);
        var ibmFrom = new DateOnly(2024, 12, 1);
        lake.LandRaw("alphavantage", "time_series_daily", "IBM", new DateOnly(2025, 1, 9), FixtureFiles.Bytes("alphavantage/time-series-daily-ibm-truncated.json"), ibmFrom, new DateOnly(2025, 1, 9));
        lake.LandRaw("alphavantage", "time_series_daily", "IBM", RunEnd, FixtureFiles.Bytes("alphavantage/time-series-daily-ibm.json"), ibmFrom, RunEnd);
        lake.LandRaw("yahoo", "chart", "XMPL", new DateOnly(2020, 9, 4), FixtureFiles.Bytes("yahoo/chart-split-dividend-defects.json"), new DateOnly(2020, 8, 26), new DateOnly(2020, 9, 4));
        Put(lake, "raw/source=reference/dataset=companies/ingest_date=2020-08-01/companies-r1.csv",
            "symbol,name,mic,sector,industry,currency,country,ipo_date,delisting_date\nXMPL,Example Corp,XNAS,Industrials,Machinery,USD,US,,\n");
        Put(lake, "raw/source=reference/dataset=companies/ingest_date=2020-08-02/companies-r2.csv", "no,header\nat,all\n");
        lake.LandRaw("yahoo", "chart", "ZZZZ", RunEnd, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(aapl).Replace("AAPL", "ZZZZ", StringComparison.Ordinal)), new DateOnly(2025, 1, 2), RunEnd);

        var garbage = lake.LandRaw("yahoo", "chart", "MSFT", new DateOnly(2025, 1, 8), aapl, new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 8));
        Put(lake, LakeLayout.RawMetadata(garbage), "{ not json");
        var altered = lake.LandRaw("yahoo", "chart", "MSFT", new DateOnly(2025, 1, 9), aapl, new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 9));
        Put(lake, altered, Encoding.UTF8.GetString(aapl).Replace("\"AAPL\"", "\"MSFT\"", StringComparison.Ordinal));
        var bare = lake.LandRaw("yahoo", "chart", "MSFT", RunEnd, aapl, new DateOnly(2025, 1, 2), RunEnd);
        File.Delete(Path.Combine(lake.Folder, LakeLayout.RawMetadata(bare)));
        Put(lake, LakeLayout.Partition(TempLake.Schemas["daily_bar"], "GONE"), "PAR1 truncated");
    }

    private static void Put(TempLake lake, string key, string content) =>
        lake.Store.PutAsync(key, Encoding.UTF8.GetBytes(content), CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>The host's driver (<see cref="StageDriver"/>), its grouped-map tasks run on Arrow batches shaped as Spark hands them.</summary>
    private async Task<(StageReport Silver, StageReport Gold)> RunSparkPathAsync()
    {
        var groups = new ArrowSymbolGroups(Spark);
        var silver = await StageDriver.SilverAsync(new HostArguments(Layers.Silver, Spark.Folder, RunEnd, TempLake.RunId), groups, CancellationToken.None);
        var gold = await StageDriver.GoldAsync(new HostArguments(Layers.Gold, Spark.Folder, RunEnd, TempLake.RunId), groups, CancellationToken.None);
        return (silver, gold);
    }

    private static (long In, long Out, int Partitions, string Rejects) Totals(StageReport report) =>
        (report.RecordsIn, report.RecordsOut, report.PartitionsWritten, string.Join(", ", report.RejectsByReason.Select(r => $"{r.Key}={r.Value}")));
}
