using StockLakehouse.Core.Domain;

namespace StockLakehouse.Jobs.Silver;

/// <summary>
/// One symbol's silver daily bars, columnar and sorted by trade date with no duplicate date.
/// Prices and volumes are as traded; <see cref="AdjClose"/> is NaN where the source gave none.
/// </summary>
public sealed class DailyBarSeries
{
    public DailyBarSeries(
        Symbol symbol,
        DateOnly[] tradeDate,
        double[] open,
        double[] high,
        double[] low,
        double[] close,
        double[] adjClose,
        long[] volume,
        double[] dividend,
        double[] splitRatio,
        string[] currency,
        string[] source,
        DateOnly[] ingestDate,
        string[] rawObject)
    {
        var n = tradeDate.Length;
        if (new[] { open.Length, high.Length, low.Length, close.Length, adjClose.Length, volume.Length, dividend.Length, splitRatio.Length, currency.Length, source.Length, ingestDate.Length, rawObject.Length }.Any(l => l != n))
        {
            throw new ArgumentException($"The columns of {symbol}'s daily bars have different lengths.");
        }

        for (var i = 1; i < n; i++)
        {
            if (tradeDate[i] <= tradeDate[i - 1])
            {
                throw new ArgumentException($"{symbol}'s daily bars are not strictly ascending at {tradeDate[i]}.");
            }
        }

        Symbol = symbol;
        TradeDate = tradeDate;
        Open = open;
        High = high;
        Low = low;
        Close = close;
        AdjClose = adjClose;
        Volume = volume;
        Dividend = dividend;
        SplitRatio = splitRatio;
        Currency = currency;
        Source = source;
        IngestDate = ingestDate;
        RawObject = rawObject;
    }

    public Symbol Symbol { get; }

    public DateOnly[] TradeDate { get; }

    public double[] Open { get; }

    public double[] High { get; }

    public double[] Low { get; }

    public double[] Close { get; }

    public double[] AdjClose { get; }

    public long[] Volume { get; }

    public double[] Dividend { get; }

    public double[] SplitRatio { get; }

    public string[] Currency { get; }

    public string[] Source { get; }

    public DateOnly[] IngestDate { get; }

    public string[] RawObject { get; }

    public int Count => TradeDate.Length;

    /// <summary>The first row dated on or after <paramref name="date"/> (<see cref="Count"/> when none is); the dates ascend.</summary>
    public int FirstOnOrAfter(DateOnly date)
    {
        var index = Array.BinarySearch(TradeDate, date);
        return index >= 0 ? index : ~index;
    }
}
