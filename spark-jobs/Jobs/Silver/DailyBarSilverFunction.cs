using System.Runtime.InteropServices;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Jobs.Silver;

/// <summary>
/// Bronze → silver for one symbol: reads every raw daily-bar object of the symbol with its source's reader
/// (<see cref="YahooChartBars"/>, <see cref="AlphaVantageDailyBars"/>), which both apply <see cref="BarRules"/>, and
/// keeps for each trade date the bar <see cref="LatestIngestWins"/> chooses. Pure: the same objects give the same
/// result on every engine.
/// </summary>
public sealed class DailyBarSilverFunction
{
    public const string TableName = LakeNames.DailyBar;
    public const string SourceName = LakeNames.Yahoo;
    public const string AlphaVantageSourceName = LakeNames.AlphaVantage;

    private readonly YahooChartBars _yahoo;
    private readonly AlphaVantageDailyBars _alphaVantage;

    public DailyBarSilverFunction(NyseCalendar calendar)
    {
        var rules = new BarRules(calendar);
        _yahoo = new YahooChartBars(calendar, rules);
        _alphaVantage = new AlphaVantageDailyBars(rules);
    }

    /// <param name="referenceCurrency">The company's currency from the reference data, for sources that give none (Alpha Vantage).</param>
    public SilverResult Process(Symbol symbol, IReadOnlyList<RawChartObject> objects, string? referenceCurrency = null)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var rejects = new List<QuarantineRecord>();
        var lists = SilverBarLists.Rent();
        try
        {
            var input = 0;
            foreach (var raw in LatestIngestWins.Order(objects))
            {
                Read(symbol, raw, referenceCurrency, lists.Offered, rejects, ref input);
            }

            LatestIngestWins.Winners(lists.Offered, lists.Winners, out var superseded);
            return new SilverResult(ToSeries(symbol, CollectionsMarshal.AsSpan(lists.Winners)), rejects, input, superseded);
        }
        finally
        {
            lists.Return();
        }
    }

    private void Read(Symbol symbol, RawChartObject raw, string? referenceCurrency, List<SilverBar> bars, List<QuarantineRecord> rejects, ref int input)
    {
        if (raw.Metadata is null)
        {
            rejects.Add(new QuarantineRecord(TableName, symbol.Value, raw.Key, null, null, RejectReason.MissingMetadata, "The raw object has no .meta.json beside it, so its requested range is unknown."));
        }
        else if (raw.Metadata.Source == AlphaVantageSourceName)
        {
            _alphaVantage.Read(symbol, raw, raw.Metadata, referenceCurrency, bars, rejects, ref input);
        }
        else
        {
            _yahoo.Read(symbol, raw, raw.Metadata, bars, rejects, ref input);
        }
    }

    private static DailyBarSeries ToSeries(Symbol symbol, ReadOnlySpan<SilverBar> bars)
    {
        var n = bars.Length;
        var date = new DateOnly[n];
        double[] open = new double[n], high = new double[n], low = new double[n], close = new double[n], adj = new double[n], dividend = new double[n], split = new double[n];
        var volume = new long[n];
        string[] currency = new string[n], source = new string[n], rawObject = new string[n];
        var ingest = new DateOnly[n];
        for (var i = 0; i < n; i++)
        {
            ref readonly var bar = ref bars[i];
            date[i] = bar.Date;
            open[i] = bar.Open;
            high[i] = bar.High;
            low[i] = bar.Low;
            close[i] = bar.Close;
            adj[i] = bar.AdjClose;
            volume[i] = bar.Volume;
            dividend[i] = bar.Dividend;
            split[i] = bar.SplitRatio;
            currency[i] = bar.Currency;
            source[i] = bar.Source;
            ingest[i] = bar.IngestDate;
            rawObject[i] = bar.RawObject;
        }

        return new DailyBarSeries(symbol, date, open, high, low, close, adj, volume, dividend, split, currency, source, ingest, rawObject);
    }
}
