namespace StockLakehouse.Core.Payloads.Yahoo;

/// <summary>
/// A parsed chart v8 result, columnar. Array elements the payload gave as null are <see cref="double.NaN"/>;
/// all arrays have <see cref="Count"/> elements (a missing or short array is padded with NaN).
/// Prices are as Yahoo reports them: split-adjusted for the splits in the payload, not dividend-adjusted.
/// </summary>
public sealed class YahooChart
{
    public YahooChart(
        YahooChartMeta meta,
        long[] timestamps,
        double[] open,
        double[] high,
        double[] low,
        double[] close,
        double[] volume,
        double[]? adjClose,
        IReadOnlyList<YahooDividend> dividends,
        IReadOnlyList<YahooSplit> splits)
    {
        Meta = meta;
        Timestamps = timestamps;
        Open = open;
        High = high;
        Low = low;
        Close = close;
        Volume = volume;
        AdjClose = adjClose;
        Dividends = dividends;
        Splits = splits;
    }

    public YahooChartMeta Meta { get; }

    /// <summary>Epoch seconds of each bar (the session open for daily bars).</summary>
    public long[] Timestamps { get; }

    public double[] Open { get; }

    public double[] High { get; }

    public double[] Low { get; }

    public double[] Close { get; }

    public double[] Volume { get; }

    /// <summary>Split- and dividend-adjusted close, or null when the payload has no adjclose indicator.</summary>
    public double[]? AdjClose { get; }

    public IReadOnlyList<YahooDividend> Dividends { get; }

    public IReadOnlyList<YahooSplit> Splits { get; }

    public int Count => Timestamps.Length;
}
