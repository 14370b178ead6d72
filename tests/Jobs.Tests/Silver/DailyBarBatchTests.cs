using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Tables;
using StockLakehouse.Jobs.Silver;

namespace StockLakehouse.Jobs.Tests.Silver;

public sealed class DailyBarBatchTests
{
    private static readonly Symbol Xmpl = Symbol.Parse("XMPL");

    [Fact]
    public void FromBatch_RowsOutOfOrder_SortsEveryColumnByTradeDate()
    {
        var batch = Batch([new(2024, 1, 4), new(2024, 1, 2), new(2024, 1, 3)], close: [4, 2, 3], adjValid: [true, false, true], rawObjects: ["c", null, "b"]);

        var bars = DailyBarBatch.FromBatch(Xmpl, batch);

        Assert.Equal([new(2024, 1, 2), new(2024, 1, 3), new DateOnly(2024, 1, 4)], bars.TradeDate);
        Assert.Equal([2.0, 3.0, 4.0], bars.Close);
        Assert.Equal([20L, 30L, 40L], bars.Volume);
        Assert.True(double.IsNaN(bars.AdjClose[0]));
        Assert.Equal([3.5, 4.5], bars.AdjClose[1..]);
        Assert.Equal([string.Empty, "b", "c"], bars.RawObject);
    }

    [Fact]
    public void FromBatch_RowsInOrder_KeepsTheValuesAndReadsNullAdjCloseAsNaN()
    {
        var batch = Batch([new(2024, 1, 2), new(2024, 1, 3), new(2024, 1, 4)], close: [4, 2, 3], adjValid: [false, true, true], rawObjects: ["a", "b", "c"]);

        var bars = DailyBarBatch.FromBatch(Xmpl, batch);

        Assert.Equal([new(2024, 1, 2), new(2024, 1, 3), new DateOnly(2024, 1, 4)], bars.TradeDate);
        Assert.Equal([4.0, 2.0, 3.0], bars.Close);
        Assert.True(double.IsNaN(bars.AdjClose[0]));
        Assert.Equal([2.5, 3.5], bars.AdjClose[1..]);
        Assert.Equal(["a", "b", "c"], bars.RawObject);
    }

    /// <summary>Rows with the given closes; open, high and low equal the close, volume is ten times it, adj_close is close + 0.5 where valid.</summary>
    private static RecordBatch Batch(DateOnly[] dates, double[] close, bool[] adjValid, string?[] rawObjects)
    {
        var adj = close.Select((c, i) => adjValid[i] ? c + 0.5 : 0).ToArray();
        return new RecordBatch(
        [
            new StringColumn("symbol", dates.Select(_ => (string?)"XMPL").ToArray()),
            new DateColumn("trade_date", dates),
            new DoubleColumn("open", close),
            new DoubleColumn("high", close),
            new DoubleColumn("low", close),
            new DoubleColumn("close", close),
            new DoubleColumn("adj_close", adj, adjValid),
            new Int64Column("volume", close.Select(c => (long)(c * 10)).ToArray()),
            new DoubleColumn("dividend", dates.Select(_ => 0.0).ToArray()),
            new DoubleColumn("split_ratio", dates.Select(_ => 1.0).ToArray()),
            new StringColumn("currency", dates.Select(_ => (string?)"USD").ToArray()),
            new StringColumn("source", dates.Select(_ => (string?)"yahoo").ToArray()),
            new DateColumn("ingest_date", dates),
            new StringColumn("raw_object", rawObjects),
        ]);
    }
}
