using System.Globalization;
using System.Text.Json;

namespace StockLakehouse.Extractor.Classification;

/// <summary>
/// Reads TIME_SERIES_DAILY bodies: <c>"Meta Data"</c> (with <c>"2. Symbol"</c>) and <c>"Time Series (Daily)"</c>
/// keyed by yyyy-MM-dd, each bar an object of strings <c>"1. open"</c> … <c>"5. volume"</c>.
/// </summary>
internal sealed class AlphaVantageDailyReader : AlphaVantageJsonReader
{
    private const string SeriesProperty = "Time Series (Daily)";

    public AlphaVantageDailyReader(AlphaVantageMessages messages)
        : base(messages)
    {
    }

    public override string FormatName => "Alpha Vantage TIME_SERIES_DAILY JSON";

    protected override PayloadReading ReadContent(JsonElement root, ReadOnlySpan<byte> body)
    {
        if (!root.TryGetProperty(SeriesProperty, out var series) || series.ValueKind != JsonValueKind.Object)
        {
            return PayloadReading.Rejected(
                RequestOutcome.UnexpectedContent,
                $"The body has neither \"{SeriesProperty}\" nor a known Alpha Vantage message: {BodyPreview.Of(body)}.");
        }

        var dates = new List<DateOnly>();
        foreach (var bar in series.EnumerateObject())
        {
            if (!DateOnly.TryParseExact(bar.Name, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return PayloadReading.Rejected(RequestOutcome.Malformed, $"The series has a key '{bar.Name}' that is not a yyyy-MM-dd date.");
            }

            if (bar.Value.ValueKind != JsonValueKind.Object || !bar.Value.TryGetProperty("4. close", out _))
            {
                return PayloadReading.Rejected(RequestOutcome.Malformed, $"The bar of {bar.Name} has no \"4. close\".");
            }

            dates.Add(date);
        }

        dates.Sort();
        string? symbol = null;
        if (root.TryGetProperty("Meta Data", out var meta) && meta.ValueKind == JsonValueKind.Object
            && meta.TryGetProperty("2. Symbol", out var symbolValue) && symbolValue.ValueKind == JsonValueKind.String)
        {
            symbol = symbolValue.GetString();
        }

        return PayloadReading.Readable(new PayloadSummary(symbol, dates.Count, dates));
    }
}
