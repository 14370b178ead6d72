using System.Globalization;
using System.Text;
using System.Text.Json;

namespace StockLakehouse.Core.Payloads.AlphaVantage;

/// <summary>
/// Parses an Alpha Vantage TIME_SERIES_DAILY JSON body: <c>"Meta Data"</c> (<c>"2. Symbol"</c>) and
/// <c>"Time Series (Daily)"</c>, an object keyed by yyyy-MM-dd whose bars hold strings <c>"1. open"</c> …
/// <c>"5. volume"</c>. Alpha Vantage's HTTP-200 messages (<c>"Error Message"</c>, <c>"Information"</c>,
/// <c>"Note"</c>), HTML, truncated JSON and a body without the series come back as rejections, never as
/// exceptions. Bad values inside a bar become NaN so that the bar, not the whole answer, is rejected.
/// </summary>
public static class AlphaVantageDailyParser
{
    public const string SeriesProperty = "Time Series (Daily)";
    private static readonly string[] MessageProperties = ["Error Message", "Information", "Note"];

    public static ParseResult<AlphaVantageDaily> Parse(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException e)
        {
            var trimmed = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 80)]).Trim().ReplaceLineEndings(" ");
            return trimmed.StartsWith('{')
                ? ParseResult<AlphaVantageDaily>.Rejected(Yahoo.YahooChartParser.ReasonMalformed, $"The JSON is malformed or truncated: {e.Message}")
                : ParseResult<AlphaVantageDaily>.Rejected(Yahoo.YahooChartParser.ReasonNotJson, $"The body is not a JSON object: \"{trimmed}\".");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ParseResult<AlphaVantageDaily>.Rejected(Yahoo.YahooChartParser.ReasonNotJson, $"The body is JSON but not an object ({root.ValueKind}).");
            }

            foreach (var name in MessageProperties)
            {
                if (root.TryGetProperty(name, out var message))
                {
                    return ParseResult<AlphaVantageDaily>.Rejected(Yahoo.YahooChartParser.ReasonSourceError, $"Alpha Vantage answered with \"{name}\": {message}");
                }
            }

            if (!root.TryGetProperty(SeriesProperty, out var series) || series.ValueKind != JsonValueKind.Object)
            {
                return ParseResult<AlphaVantageDaily>.Rejected(Yahoo.YahooChartParser.ReasonNoResult, $"\"{SeriesProperty}\" is missing or not an object.");
            }

            var bars = new List<(DateOnly Date, double Open, double High, double Low, double Close, double Volume)>();
            foreach (var bar in series.EnumerateObject())
            {
                if (!DateOnly.TryParseExact(bar.Name, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return ParseResult<AlphaVantageDaily>.Rejected(Yahoo.YahooChartParser.ReasonMalformed, $"The series has a key '{bar.Name}' that is not a yyyy-MM-dd date.");
                }

                bars.Add((date, Number(bar.Value, "1. open"), Number(bar.Value, "2. high"), Number(bar.Value, "3. low"), Number(bar.Value, "4. close"), Number(bar.Value, "5. volume")));
            }

            bars.Sort((a, b) => a.Date.CompareTo(b.Date));
            return ParseResult<AlphaVantageDaily>.Success(new AlphaVantageDaily(
                Symbol(root),
                bars.Select(b => b.Date).ToArray(),
                bars.Select(b => b.Open).ToArray(),
                bars.Select(b => b.High).ToArray(),
                bars.Select(b => b.Low).ToArray(),
                bars.Select(b => b.Close).ToArray(),
                bars.Select(b => b.Volume).ToArray()));
        }
    }

    private static string? Symbol(JsonElement root) =>
        root.TryGetProperty("Meta Data", out var meta) && meta.ValueKind == JsonValueKind.Object
        && meta.TryGetProperty("2. Symbol", out var symbol) && symbol.ValueKind == JsonValueKind.String
            ? symbol.GetString()
            : null;

    private static double Number(JsonElement bar, string property) =>
        bar.ValueKind == JsonValueKind.Object
        && bar.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.String
        && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
        && double.IsFinite(number)
            ? number
            : double.NaN;
}
