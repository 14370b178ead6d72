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

    [Fact]
    public void Rows_sent_again_as_they_were_change_nothing_and_the_first_changed_row_is_the_first_new_or_corrected_one()
    {
        var kept = Series(("yahoo", 0, 10, 0, 1), ("yahoo", 1, 11, 0.5, 1), ("yahoo", 2, 12, 0, 1));

        // Days 1 and 2 again, from another object of a later ingest date, with the values they had: nothing changed.
        var again = Later(Series(("yahoo", 1, 11, 0.5, 1), ("yahoo", 2, 12, 0, 1)));
        var same = SilverMerge.Merge(kept, again, addedFromYahoo: true);
        Assert.Equal([Monday.AddDays(7), Monday.AddDays(7)], same.IngestDate[1..]);
        Assert.Null(SilverMerge.FirstChanged(kept, same));

        // And a new day 3: it is the first changed row.
        Assert.Equal(Monday.AddDays(3), SilverMerge.FirstChanged(kept, SilverMerge.Merge(kept, Later(Series(("yahoo", 1, 11, 0.5, 1), ("yahoo", 2, 12, 0, 1), ("yahoo", 3, 13, 0, 1))), true)));

        // A corrected close, a dividend withdrawn, a split added, another source: each is a change from its day on.
        Assert.Equal(Monday.AddDays(2), SilverMerge.FirstChanged(kept, SilverMerge.Merge(kept, Later(Series(("yahoo", 1, 11, 0.5, 1), ("yahoo", 2, 12.01, 0, 1))), true)));
        Assert.Equal(Monday.AddDays(1), SilverMerge.FirstChanged(kept, SilverMerge.Merge(kept, Later(Series(("yahoo", 1, 11, 0, 1), ("yahoo", 2, 12, 0, 1))), true)));
        Assert.Equal(Monday.AddDays(2), SilverMerge.FirstChanged(kept, SilverMerge.Merge(kept, Later(Series(("yahoo", 2, 12, 0, 2))), true)));
        Assert.Equal(Monday, SilverMerge.FirstChanged(kept, SilverMerge.Merge(kept, Later(Series(("alphavantage", 0, 10, 0, 1))), false)));
    }

    /// <summary><paramref name="series"/> as a later object sends it: a week's later ingest date and another raw object.</summary>
    private static DailyBarSeries Later(DailyBarSeries series) => new(
        series.Symbol,
        series.TradeDate,
        series.Open,
        series.High,
        series.Low,
        series.Close,
        series.AdjClose,
        series.Volume,
        series.Dividend,
        series.SplitRatio,
        series.Currency,
        series.Source,
        Enumerable.Repeat(Monday.AddDays(7), series.Count).ToArray(),
        Enumerable.Repeat("raw/later.json", series.Count).ToArray());

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
