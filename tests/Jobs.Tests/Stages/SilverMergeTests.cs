using StockLakehouse.Core.Domain;
using StockLakehouse.Jobs.Silver;
using StockLakehouse.Jobs.Stages;

namespace StockLakehouse.Jobs.Tests.Stages;

public sealed class SilverMergeTests
{
    private static readonly DateOnly Monday = new(2024, 3, 4);

    [Fact]
    public void Added_bars_replace_the_kept_bar_of_their_date_and_keep_the_other_dates()
    {
        var kept = Series(("yahoo", 0, 10, 0, 1), ("yahoo", 1, 11, 0.5, 1));
        var added = Series(("yahoo", 1, 21, 0, 2), ("yahoo", 2, 22, 0, 1));

        var merged = SilverMerge.Merge(kept, added, addedFromYahoo: true);

        Assert.Equal([Monday, Monday.AddDays(1), Monday.AddDays(2)], merged.TradeDate);
        Assert.Equal([10, 21, 22], merged.Close);
        Assert.Equal([0, 0, 0], merged.Dividend);
        Assert.Equal([1, 2, 1], merged.SplitRatio);
    }

    [Fact]
    public void An_added_alpha_vantage_bar_carries_the_kept_yahoo_events_of_its_date()
    {
        var kept = Series(("yahoo", 0, 10, 0.5, 1), ("yahoo", 1, 11, 0, 4));
        var added = Series(("alphavantage", 0, 20, 0, 1), ("alphavantage", 2, 22, 0, 1));

        var merged = SilverMerge.Merge(kept, added, addedFromYahoo: false);

        Assert.Equal([20, 11, 22], merged.Close);
        Assert.Equal(["alphavantage", "yahoo", "alphavantage"], merged.Source);
        Assert.Equal([0.5, 0, 0], merged.Dividend);
        Assert.Equal([1, 4, 1], merged.SplitRatio);
    }

    private static DailyBarSeries Series(params (string Source, int Day, double Close, double Dividend, double Split)[] bars)
    {
        var n = bars.Length;
        double[] Column(Func<(string Source, int Day, double Close, double Dividend, double Split), double> pick) => bars.Select(pick).ToArray();
        return new DailyBarSeries(
            Symbol.Parse("AAPL"),
            bars.Select(b => Monday.AddDays(b.Day)).ToArray(),
            Column(b => b.Close),
            Column(b => b.Close + 1),
            Column(b => b.Close - 1),
            Column(b => b.Close),
            Column(b => b.Source == "yahoo" ? b.Close : double.NaN),
            new long[n],
            Column(b => b.Dividend),
            Column(b => b.Split),
            Enumerable.Repeat("USD", n).ToArray(),
            bars.Select(b => b.Source).ToArray(),
            Enumerable.Repeat(Monday, n).ToArray(),
            bars.Select(b => $"raw/{b.Source}-{b.Day}.json").ToArray());
    }
}
