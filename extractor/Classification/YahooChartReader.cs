using System.Text.Json;
using StockLakehouse.Core.Payloads.Yahoo;

namespace StockLakehouse.Extractor.Classification;

/// <summary>
/// Reads Yahoo chart v8 bodies with the same parser silver uses, so the extractor and silver agree on what a
/// usable payload is. chart.error "Not Found" means an unknown or delisted symbol.
/// </summary>
internal sealed class YahooChartReader : IPayloadReader
{
    private const string NotFoundCode = "Not Found";

    public static YahooChartReader Instance { get; } = new();

    public string FormatName => "Yahoo chart v8 JSON";

    public PayloadReading Read(ReadOnlySpan<byte> body)
    {
        var parsed = YahooChartParser.Parse(body);
        if (!parsed.IsSuccess)
        {
            var rejection = parsed.Rejection;
            return rejection.Reason switch
            {
                YahooChartParser.ReasonSourceError => PayloadReading.Rejected(
                    ErrorCode(body) == NotFoundCode ? RequestOutcome.SymbolRejected : RequestOutcome.UnexpectedContent,
                    rejection.Detail),
                YahooChartParser.ReasonNotJson => PayloadReading.Rejected(RequestOutcome.WrongFormat, rejection.Detail),
                YahooChartParser.ReasonMalformed => PayloadReading.Rejected(RequestOutcome.Malformed, rejection.Detail),
                _ => PayloadReading.Rejected(RequestOutcome.UnexpectedContent, rejection.Detail),
            };
        }

        var chart = parsed.Value;
        var dates = new DateOnly[chart.Count];
        for (var i = 0; i < dates.Length; i++)
        {
            // Timestamps are session opens; their New York date is the session date, as silver computes it.
            dates[i] = TradeDateMemo.Of(chart.Timestamps[i]);
        }

        Array.Sort(dates);
        return PayloadReading.Readable(new PayloadSummary(chart.Meta.Symbol, chart.Count, dates));
    }

    /// <summary>chart.error.code of an error body the parser already recognised as well-formed.</summary>
    private static string? ErrorCode(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        if (!JsonDocument.TryParseValue(ref reader, out var document))
        {
            return null;
        }

        using (document)
        {
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("chart", out var chart)
                && chart.ValueKind == JsonValueKind.Object
                && chart.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var code)
                && code.ValueKind == JsonValueKind.String
                    ? code.GetString()
                    : null;
        }
    }
}
