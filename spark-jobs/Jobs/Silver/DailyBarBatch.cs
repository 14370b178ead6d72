using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Tables;

namespace StockLakehouse.Jobs.Silver;

/// <summary>Converts a symbol's <see cref="DailyBarSeries"/> to and from the silver daily_bar columns.</summary>
public static class DailyBarBatch
{
    public static RecordBatch ToBatch(DailyBarSeries bars)
    {
        var n = bars.Count;
        var adjValid = new bool[n];
        for (var i = 0; i < n; i++)
        {
            adjValid[i] = !double.IsNaN(bars.AdjClose[i]);
        }

        var symbols = new string?[n];
        Array.Fill(symbols, bars.Symbol.Value);
        return new RecordBatch(
        [
            new StringColumn("symbol", symbols),
            new DateColumn("trade_date", bars.TradeDate),
            new DoubleColumn("open", bars.Open),
            new DoubleColumn("high", bars.High),
            new DoubleColumn("low", bars.Low),
            new DoubleColumn("close", bars.Close),
            new DoubleColumn("adj_close", bars.AdjClose, adjValid),
            new Int64Column("volume", bars.Volume),
            new DoubleColumn("dividend", bars.Dividend),
            new DoubleColumn("split_ratio", bars.SplitRatio),
            new StringColumn("currency", bars.Currency),
            new StringColumn("source", bars.Source),
            new DateColumn("ingest_date", bars.IngestDate),
            new StringColumn("raw_object", bars.RawObject),
        ]);
    }

    /// <summary>
    /// Reads the bars of <paramref name="symbol"/> back, sorting by trade date. Silver writes its partitions sorted, so
    /// the columns of a batch already in order become the series' own arrays as they are (the series then shares
    /// them with <paramref name="batch"/>); only a batch out of order is copied into a sorted one.
    /// </summary>
    public static DailyBarSeries FromBatch(Symbol symbol, RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var dates = batch.Get<DateColumn>("trade_date").Values;
        var order = InOrder(dates) ? null : SortedOrder(dates);
        T[] Pick<T>(T[] values) => order is null ? values : Array.ConvertAll(order, i => values[i]);
        var adj = batch.Get<DoubleColumn>("adj_close");
        var adjValues = adj.Validity is null ? Pick(adj.Values) : Array.ConvertAll(order ?? Identity(dates.Length), i => adj.IsNull(i) ? double.NaN : adj.Values[i]);
        return new DailyBarSeries(
            symbol,
            Pick(dates),
            Pick(batch.Get<DoubleColumn>("open").Values),
            Pick(batch.Get<DoubleColumn>("high").Values),
            Pick(batch.Get<DoubleColumn>("low").Values),
            Pick(batch.Get<DoubleColumn>("close").Values),
            adjValues,
            Pick(batch.Get<Int64Column>("volume").Values),
            Pick(batch.Get<DoubleColumn>("dividend").Values),
            Pick(batch.Get<DoubleColumn>("split_ratio").Values),
            NonNull(Pick(batch.Get<StringColumn>("currency").Values)),
            NonNull(Pick(batch.Get<StringColumn>("source").Values)),
            Pick(batch.Get<DateColumn>("ingest_date").Values),
            NonNull(Pick(batch.Get<StringColumn>("raw_object").Values)));
    }

    private static bool InOrder(DateOnly[] dates)
    {
        for (var i = 1; i < dates.Length; i++)
        {
            if (dates[i] < dates[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    private static int[] Identity(int count) => Enumerable.Range(0, count).ToArray();

    private static int[] SortedOrder(DateOnly[] dates)
    {
        var order = Identity(dates.Length);
        Array.Sort(dates.ToArray(), order);
        return order;
    }

    /// <summary>The strings with a NULL read as empty; the same array (one runtime type, whatever the annotation) when it holds no NULL.</summary>
    private static string[] NonNull(string?[] values) =>
        Array.IndexOf(values, null) < 0 ? (string[])(object)values : Array.ConvertAll(values, s => s ?? string.Empty);
}
