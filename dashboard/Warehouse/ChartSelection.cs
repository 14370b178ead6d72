namespace StockLakehouse.Dashboard.Warehouse;

/// <summary>
/// Which symbols get candlesticks and indicators embedded. Every symbol does while the warehouse holds no more than the
/// cap; past it, the pinned symbols and the correlation symbols come first, then the most traded by value on their
/// latest bar, so the page stays small at any universe while the symbols people look at most are charted.
/// </summary>
internal static class ChartSelection
{
    public static IReadOnlyList<string> Choose(IReadOnlyList<TradedSymbol> symbols, IEnumerable<string> pinned, int cap)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        if (cap < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cap), cap, $"The number of charted symbols cannot be negative ({cap}).");
        }

        if (symbols.Count <= cap)
        {
            return symbols.Select(s => s.Symbol).ToArray();
        }

        var known = symbols.Select(s => s.Symbol).ToHashSet(StringComparer.Ordinal);
        var chosen = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var symbol in pinned.Concat(symbols.OrderByDescending(s => s.TradedValue).ThenBy(s => s.Symbol, StringComparer.Ordinal).Select(s => s.Symbol)))
        {
            if (chosen.Count == cap)
            {
                break;
            }

            if (known.Contains(symbol) && seen.Add(symbol))
            {
                chosen.Add(symbol);
            }
        }

        chosen.Sort(StringComparer.Ordinal);
        return chosen;
    }
}
