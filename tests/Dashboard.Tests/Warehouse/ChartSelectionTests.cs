using StockLakehouse.Dashboard.Warehouse;

namespace StockLakehouse.Dashboard.Tests.Warehouse;

public sealed class ChartSelectionTests
{
    private static readonly TradedSymbol[] Universe =
    [
        new("AAA", 10), new("BBB", 500), new("CCC", 300), new("DDD", 40), new("EEE", 300),
    ];

    [Fact]
    public void Every_symbol_is_charted_while_the_universe_fits_the_cap() =>
        Assert.Equal(["AAA", "BBB", "CCC", "DDD", "EEE"], ChartSelection.Choose(Universe, [], 5));

    [Fact]
    public void Past_the_cap_the_most_traded_are_charted_with_ties_broken_by_symbol() =>
        Assert.Equal(["BBB", "CCC"], ChartSelection.Choose(Universe, [], 2));

    [Fact]
    public void Pinned_symbols_come_first_and_unknown_or_repeated_ones_are_ignored() =>
        Assert.Equal(["AAA", "BBB", "DDD"], ChartSelection.Choose(Universe, ["DDD", "ZZZ", "AAA", "DDD"], 3));

    [Fact]
    public void A_cap_of_zero_charts_nothing() =>
        Assert.Empty(ChartSelection.Choose(Universe, ["AAA"], 0));
}
