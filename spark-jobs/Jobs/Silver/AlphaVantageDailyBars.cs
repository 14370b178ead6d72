using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Payloads.AlphaVantage;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Jobs.Silver;

/// <summary>
/// Reads one Alpha Vantage TIME_SERIES_DAILY object into bars. The free daily series is already as traded but carries
/// no dividends, splits, adjusted close or currency: its currency is the company's reference currency, and the payload
/// is rejected whole when there is none. The source takes no start date (compact answers hold the last 100 sessions),
/// so bars before the requested start are kept rather than quarantined.
/// </summary>
internal sealed class AlphaVantageDailyBars
{
    private readonly BarRules _rules;

    public AlphaVantageDailyBars(BarRules rules)
    {
        _rules = rules;
    }

    public List<SilverBar> Read(Symbol symbol, RawChartObject raw, RawObjectMetadata metadata, string? referenceCurrency, List<QuarantineRecord> rejects, ref int input)
    {
        var bars = new List<SilverBar>();
        void RejectPayload(string reason, string detail) =>
            rejects.Add(new QuarantineRecord(LakeNames.DailyBar, symbol.Value, raw.Key, null, null, reason, detail));

        var parsed = AlphaVantageDailyParser.Parse(raw.Body);
        if (!parsed.IsSuccess)
        {
            RejectPayload(parsed.Rejection.Reason, parsed.Rejection.Detail);
            return bars;
        }

        var series = parsed.Value;
        input += series.Count;
        if (!Symbol.TryParse(series.Symbol, out var payloadSymbol) || payloadSymbol != symbol)
        {
            RejectPayload(RejectReason.SymbolMismatch, $"The payload is for '{series.Symbol}', not {symbol}.");
            return bars;
        }

        if (string.IsNullOrWhiteSpace(referenceCurrency))
        {
            RejectPayload(RejectReason.MissingCurrency, "Alpha Vantage daily bars carry no currency, and the company reference gives none.");
            return bars;
        }

        for (var i = 0; i < series.Count; i++)
        {
            var date = series.Dates[i];
            void Reject(string reason, string detail) =>
                rejects.Add(new QuarantineRecord(LakeNames.DailyBar, symbol.Value, raw.Key, i, date, reason, detail));

            var prices = new BarPrices(series.Open[i], series.High[i], series.Low[i], series.Close[i], series.Volume[i]);
            if (_rules.Validate(prices, date, metadata, 1.0, exactRange: false, Reject, out var valid))
            {
                bars.Add(new SilverBar(date, i, true, valid.Open, valid.High, valid.Low, valid.Close, double.NaN, (long)Math.Round(valid.Volume), 0, 1, referenceCurrency, LakeNames.AlphaVantage, raw.IngestDate, raw.Key));
            }
        }

        return bars;
    }
}
