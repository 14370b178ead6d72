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

    /// <summary>Appends the object's valid bars to <paramref name="bars"/> and its rejects to <paramref name="rejects"/>.</summary>
    public void Read(Symbol symbol, RawChartObject raw, RawObjectMetadata metadata, string? referenceCurrency, List<SilverBar> bars, List<QuarantineRecord> rejects, ref int input)
    {
        void RejectPayload(string reason, string detail) =>
            rejects.Add(new QuarantineRecord(LakeNames.DailyBar, symbol.Value, raw.Key, null, null, reason, detail));

        var parsed = AlphaVantageDailyParser.Parse(raw.Body);
        if (!parsed.IsSuccess)
        {
            RejectPayload(parsed.Rejection.Reason, parsed.Rejection.Detail);
            return;
        }

        var series = parsed.Value;
        input += series.Count;
        if (!Symbol.TryParse(series.Symbol, out var payloadSymbol) || payloadSymbol != symbol)
        {
            RejectPayload(RejectReason.SymbolMismatch, $"The payload is for '{series.Symbol}', not {symbol}.");
            return;
        }

        if (string.IsNullOrWhiteSpace(referenceCurrency))
        {
            RejectPayload(RejectReason.MissingCurrency, "Alpha Vantage daily bars carry no currency, and the company reference gives none.");
            return;
        }

        for (var i = 0; i < series.Count; i++)
        {
            var date = series.Dates[i];
            var prices = new BarPrices(series.Open[i], series.High[i], series.Low[i], series.Close[i], series.Volume[i]);
            if (_rules.Validate(prices, date, metadata, 1.0, exactRange: false, out var valid, out var rejection))
            {
                bars.Add(new SilverBar(date, i, true, valid.Open, valid.High, valid.Low, valid.Close, double.NaN, (long)Math.Round(valid.Volume), 0, 1, referenceCurrency, LakeNames.AlphaVantage, raw.IngestDate, raw.Key));
            }
            else
            {
                rejects.Add(new QuarantineRecord(LakeNames.DailyBar, symbol.Value, raw.Key, i, date, rejection.Reason, rejection.Detail));
            }
        }
    }
}
