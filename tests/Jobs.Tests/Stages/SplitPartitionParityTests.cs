using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Parquet;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;
using StockLakehouse.Jobs.Tests.Support;

namespace StockLakehouse.Jobs.Tests.Stages;

/// <summary>
/// A local build writes each silver and gold partition as its file and a tail (ARCHITECTURE.md, "Daily runs"); the Spark
/// host's tasks write each as one file: silver through <c>SilverStage.RunPartitionAsync</c>, gold computing the whole
/// history with no silver tail to split at. The Spark parity test (SparkHost.Tests' <c>StageParityTests</c>, byte for
/// byte against the host's driver and UDFs) uses histories too short to split, so this one takes the step between: over
/// a year of sessions with dividends and a split, the local build's file and tail hold the rows of the one-file
/// partitions, bit for bit.
/// </summary>
public sealed class SplitPartitionParityTests
{
    private static readonly DateOnly[] Sessions = StageLake.TradingDays(new DateOnly(2023, 1, 3), 260);

    [Fact]
    public async Task A_local_builds_files_and_tails_hold_the_rows_of_the_one_file_partitions_the_spark_host_writes()
    {
        using var split = new StageLake();
        // Two dividends and a 2:1 split, as one events object: {"dividends":{…,…},"splits":{…}}.
        var dividends = StageLake.Dividend(Sessions[60], 0.5)[..^2] + "," + StageLake.Dividend(Sessions[240], 0.75)["{\"dividends\":{".Length..];
        var events = dividends[..^1] + "," + StageLake.Split(Sessions[150], 2, 1)[1..];
        split.Land("AAPL", Sessions[^1], Sessions, 100, events);
        split.Land("MSFT", Sessions[^1], Sessions[100..], 50);
        await split.RunAsync(Sessions[^1], "AAPL", "MSFT");
        foreach (var table in new[] { LakeNames.DailyBar, LakeNames.FactStockPrice, LakeNames.FactTechnicalIndicator })
        {
            Assert.True(File.Exists(Path.Combine(split.Folder, LakeLayout.PartitionTail(StageLake.Schemas[table], "AAPL"))), $"The build wrote no tail of {table}.");
        }

        var bars = await new PartitionStore(split.Store, new ParquetFiles()).ReadAsync(StageLake.Schemas[LakeNames.DailyBar], "AAPL", CancellationToken.None);
        Assert.Equal(2, bars!.Get<DoubleColumn>("dividend").Values.Count(d => d > 0));
        Assert.Equal(1, bars.Get<DoubleColumn>("split_ratio").Values.Count(r => r != 1));

        using var whole = new StageLake();
        split.CopyRawTo(whole);
        await whole.BuildWholeAsync(Sessions[^1], "AAPL");
        await whole.BuildWholeAsync(Sessions[^1], "MSFT");

        var expected = whole.Partitions();
        var actual = await split.PartitionsAsOneFileAsync();
        Assert.Equal(expected.Keys, actual.Keys);
        Assert.All(expected, pair => Assert.True(pair.Value.AsSpan().SequenceEqual(actual[pair.Key]), $"{pair.Key} differs between the split build and the one-file partitions."));
    }
}
