using System.Globalization;
using System.Text.Json;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Tables;
using StockLakehouse.Jobs.Gold;
using StockLakehouse.Jobs.Indicators;
using StockLakehouse.Jobs.Silver;

namespace StockLakehouse.Jobs.Tests.Gold;

/// <summary>
/// A computation stopped at a bar leaves the indicators' state there (<see cref="IndicatorCheckpoint"/>), and the bars
/// after it, computed alone from that state, come out bit for bit as one computation over the whole history gives them.
/// </summary>
public sealed class GoldResumeTests
{
    private const int Bars = 700;

    /// <summary>The last corporate action: every cut after it can be resumed from.</summary>
    private const int LastEvent = 420;

    private static readonly CompanyVersion[] Versions = [new CompanyVersion(1, Symbol.Parse("WALK"), "Walk Co", 2, null, null, "USD", null, null, null, DimCompanyBuilder.Beginning, DimCompanyBuilder.OpenEnd, true)];

    /// <summary>
    /// A random walk with dividends on bars 90 and 300, a 3:1 split on bar 250 and a 1:4 reverse split on bar 420, and a
    /// flat stretch (no change at all, where RSI and Bollinger take their epsilon branches) from bar 600 to 640.
    /// </summary>
    private static DailyBarSeries Walk(int seed)
    {
        var random = new Random(seed);
        var dates = new DateOnly[Bars];
        double[] open = new double[Bars], high = new double[Bars], low = new double[Bars], close = new double[Bars];
        double[] dividend = new double[Bars], split = new double[Bars];
        var price = 40 + (random.NextDouble() * 100);
        var date = new DateOnly(2020, 1, 1);
        for (var i = 0; i < Bars; i++)
        {
            date = date.AddDays(random.Next(1, 4));
            dates[i] = date;
            split[i] = i switch { 250 => 3, LastEvent => 0.25, _ => 1 };
            dividend[i] = i is 90 or 300 ? Math.Round(price * 0.01, 2) : 0;
            if (i < 600 || i > 640)
            {
                price = Math.Round(price * (1 + ((random.NextDouble() - 0.5) * 0.06)) / split[i], 2);
            }

            close[i] = price;
            open[i] = Math.Round(price * (1 + ((random.NextDouble() - 0.5) * 0.01)), 2);
            high[i] = Math.Max(open[i], price) + Math.Round(random.NextDouble(), 2);
            low[i] = Math.Min(open[i], price) - Math.Round(random.NextDouble() * 0.5, 2);
        }

        return new DailyBarSeries(
            Symbol.Parse("WALK"),
            dates,
            open,
            high,
            low,
            close,
            close,
            Enumerable.Repeat(1_000L, Bars).ToArray(),
            dividend,
            split,
            Enumerable.Repeat("USD", Bars).ToArray(),
            Enumerable.Repeat("yahoo", Bars).ToArray(),
            Enumerable.Repeat(new DateOnly(2024, 3, 1), Bars).ToArray(),
            Enumerable.Repeat("raw/x.json", Bars).ToArray());
    }

    private static DailyBarSeries From(DailyBarSeries bars, int cut) => new(
        bars.Symbol,
        bars.TradeDate[cut..],
        bars.Open[cut..],
        bars.High[cut..],
        bars.Low[cut..],
        bars.Close[cut..],
        bars.AdjClose[cut..],
        bars.Volume[cut..],
        bars.Dividend[cut..],
        bars.SplitRatio[cut..],
        bars.Currency[cut..],
        bars.Source[cut..],
        bars.IngestDate[cut..],
        bars.RawObject[cut..]);

    /// <summary>Every row from <paramref name="from"/> on, each value by its bits (a double's NaN payload included).</summary>
    private static string[] Rows(RecordBatch batch, int from = 0) =>
        Enumerable.Range(from, batch.RowCount - from)
            .Select(i => string.Join("|", batch.Columns.Select(c => c.GetValue(i) switch
            {
                null => "null",
                double d => BitConverter.DoubleToInt64Bits(d).ToString("x16", CultureInfo.InvariantCulture),
                var v => Convert.ToString(v, CultureInfo.InvariantCulture),
            })))
            .ToArray();

    [Theory]
    [InlineData(1, 421)]
    [InlineData(1, 422)]
    [InlineData(2, 500)]
    [InlineData(3, 605)]
    [InlineData(4, 641)]
    [InlineData(5, 699)]
    public void Resume_FromACheckpoint_GivesTheRowsOfOneComputation(int seed, int cut)
    {
        var bars = Walk(seed);
        var whole = GoldPartitionFunction.Compute(bars, Versions);

        var stopped = GoldPartitionFunction.Compute(bars, Versions, cut);
        // The state as a stage keeps it between runs: through JSON, whose doubles must come back to the bit.
        var checkpoint = JsonSerializer.Deserialize<IndicatorCheckpoint>(JsonSerializer.SerializeToUtf8Bytes(stopped.Checkpoint))!;
        var resumed = GoldPartitionFunction.Resume(From(bars, cut), Versions, checkpoint);

        Assert.Equal(Rows(whole.Facts), Rows(stopped.Facts));
        Assert.Equal(Rows(whole.Indicators), Rows(stopped.Indicators));
        Assert.Equal(Rows(whole.Facts, cut), Rows(resumed.Facts));
        Assert.Equal(Rows(whole.Indicators, cut), Rows(resumed.Indicators));
        Assert.Equal(bars.Count - cut, resumed.Indicators.RowCount);
    }

    [Fact]
    public void Resume_OverSeveralDays_StaysBitForBit()
    {
        // A tail computed again every day from the same checkpoint, as gold does while it writes tails alone.
        var bars = Walk(7);
        var checkpoint = GoldPartitionFunction.Compute(bars, Versions, 500).Checkpoint!;
        for (var end = 501; end <= Bars; end += 37)
        {
            var upTo = new DailyBarSeries(bars.Symbol, bars.TradeDate[..end], bars.Open[..end], bars.High[..end], bars.Low[..end], bars.Close[..end], bars.AdjClose[..end], bars.Volume[..end], bars.Dividend[..end], bars.SplitRatio[..end], bars.Currency[..end], bars.Source[..end], bars.IngestDate[..end], bars.RawObject[..end]);
            var whole = GoldPartitionFunction.Compute(upTo, Versions);
            var resumed = GoldPartitionFunction.Resume(From(upTo, 500), Versions, checkpoint);
            Assert.Equal(Rows(whole.Indicators, 500), Rows(resumed.Indicators));
            Assert.Equal(Rows(whole.Facts, 500), Rows(resumed.Facts));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(IndicatorCheckpoint.Window - 1)]
    [InlineData(Bars + 1)]
    public void Compute_WithoutRoomForACheckpoint_GivesNone(int? cut)
    {
        var gold = GoldPartitionFunction.Compute(Walk(1), Versions, cut);

        Assert.Null(gold.Checkpoint);
        Assert.Equal(Rows(GoldPartitionFunction.Compute(Walk(1), Versions).Indicators), Rows(gold.Indicators));
    }

    [Fact]
    public void Compute_AtTheWindow_KeepsTheLastCloses()
    {
        var bars = Walk(2);
        var gold = GoldPartitionFunction.Compute(bars, Versions, IndicatorCheckpoint.Window);

        var closes = gold.Facts.Get<DoubleColumn>("adj_close").Values[..IndicatorCheckpoint.Window];
        Assert.Equal(closes, gold.Checkpoint!.Closes);
    }

    [Theory]
    [InlineData(3, 400)]
    [InlineData(4, 250)]
    [InlineData(5, 301)]
    public void Resume_OverCorporateActionsTheCheckpointSaw_GivesTheRowsOfOneComputation(int seed, int cut)
    {
        // The reverse split on bar 420 (and the dividend on 300 and split on 250 for the earlier cuts) lie after the cut:
        // the checkpoint's closes were adjusted for them, and the bars after it are adjusted from the last bar back.
        var bars = Walk(seed);
        var whole = GoldPartitionFunction.Compute(bars, Versions);

        var resumed = GoldPartitionFunction.Resume(From(bars, cut), Versions, GoldPartitionFunction.Compute(bars, Versions, cut).Checkpoint!);

        Assert.Equal(Rows(whole.Facts, cut), Rows(resumed.Facts));
        Assert.Equal(Rows(whole.Indicators, cut), Rows(resumed.Indicators));
    }

    [Fact]
    public void Resume_FromAnIncompleteCheckpoint_IsRefused()
    {
        var bars = Walk(6);
        var checkpoint = GoldPartitionFunction.Compute(bars, Versions, 500).Checkpoint!;
        var shortened = checkpoint with { Closes = checkpoint.Closes[1..] };
        var broken = checkpoint with { Closes = [.. checkpoint.Closes[..^1], double.NaN] };

        Assert.True(checkpoint.IsComplete);
        Assert.False(shortened.IsComplete);
        Assert.False(broken.IsComplete);
        Assert.Throws<ArgumentException>(() => GoldPartitionFunction.Resume(From(bars, 500), Versions, shortened));
        Assert.Throws<ArgumentException>(() => GoldPartitionFunction.Resume(From(bars, 500), Versions, broken));
    }
}
