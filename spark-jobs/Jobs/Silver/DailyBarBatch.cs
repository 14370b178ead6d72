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

    /// <summary>Reads the bars of <paramref name="symbol"/> back, sorting by trade date.</summary>
    public static DailyBarSeries FromBatch(Symbol symbol, RecordBatch batch)
    {
        var order = Enumerable.Range(0, batch.RowCount).ToArray();
        var dates = batch.Get<DateColumn>("trade_date").Values;
        Array.Sort(dates.ToArray(), order);
        T[] Pick<T>(T[] values) => order.Select(i => values[i]).ToArray();
        var adj = batch.Get<DoubleColumn>("adj_close");
        var adjValues = order.Select(i => adj.IsNull(i) ? double.NaN : adj.Values[i]).ToArray();
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
            Pick(batch.Get<StringColumn>("currency").Values).Select(s => s ?? string.Empty).ToArray(),
            Pick(batch.Get<StringColumn>("source").Values).Select(s => s ?? string.Empty).ToArray(),
            Pick(batch.Get<DateColumn>("ingest_date").Values),
            Pick(batch.Get<StringColumn>("raw_object").Values).Select(s => s ?? string.Empty).ToArray());
    }
}
