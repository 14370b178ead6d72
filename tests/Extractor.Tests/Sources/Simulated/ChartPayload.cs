using System.Text.Json;

namespace StockLakehouse.Extractor.Tests.Sources.Simulated;

/// <summary>
/// A chart v8 payload read back with System.Text.Json, the way a consumer would, failing loudly if the
/// envelope is not Yahoo's: <c>chart.result[0]</c> with <c>chart.error</c> null.
/// </summary>
internal sealed class ChartPayload
{
    private ChartPayload(JsonElement result)
    {
        Meta = result.GetProperty("meta").Clone();
        HasTimestamp = result.TryGetProperty("timestamp", out var timestamp);
        Timestamps = HasTimestamp ? timestamp.EnumerateArray().Select(e => e.GetInt64()).ToArray() : [];
        HasEvents = result.TryGetProperty("events", out var events);

        var indicators = result.GetProperty("indicators");
        Quote = indicators.GetProperty("quote")[0].Clone();
        if (Quote.TryGetProperty("close", out _))
        {
            Open = Prices(Quote, "open");
            High = Prices(Quote, "high");
            Low = Prices(Quote, "low");
            Close = Prices(Quote, "close");
            Volume = Quote.GetProperty("volume").EnumerateArray()
                .Select(e => e.ValueKind == JsonValueKind.Null ? (long?)null : e.GetInt64())
                .ToArray();
            AdjClose = Prices(indicators.GetProperty("adjclose")[0], "adjclose");
        }
        else
        {
            Open = High = Low = Close = AdjClose = [];
            Volume = [];
        }

        if (HasEvents && events.TryGetProperty("dividends", out var dividends))
        {
            Dividends = dividends.EnumerateObject()
                .Select(p => new PayloadDividend(p.Name, p.Value.GetProperty("amount").GetDouble(), p.Value.GetProperty("date").GetInt64()))
                .ToArray();
        }

        if (HasEvents && events.TryGetProperty("splits", out var splits))
        {
            Splits = splits.EnumerateObject()
                .Select(p => new PayloadSplit(
                    p.Name,
                    p.Value.GetProperty("date").GetInt64(),
                    p.Value.GetProperty("numerator").GetInt32(),
                    p.Value.GetProperty("denominator").GetInt32(),
                    p.Value.GetProperty("splitRatio").GetString()!))
                .ToArray();
        }
    }

    public JsonElement Meta { get; }

    public JsonElement Quote { get; }

    public bool HasTimestamp { get; }

    public bool HasEvents { get; }

    public long[] Timestamps { get; }

    public double?[] Open { get; }

    public double?[] High { get; }

    public double?[] Low { get; }

    public double?[] Close { get; }

    public long?[] Volume { get; }

    public double?[] AdjClose { get; }

    public IReadOnlyList<PayloadDividend> Dividends { get; } = [];

    public IReadOnlyList<PayloadSplit> Splits { get; } = [];

    public static ChartPayload Parse(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var chart = document.RootElement.GetProperty("chart");
        Assert.Equal(JsonValueKind.Null, chart.GetProperty("error").ValueKind);
        var results = chart.GetProperty("result");
        Assert.Equal(1, results.GetArrayLength());
        return new ChartPayload(results[0]);
    }

    /// <summary>Product of the ratios of the payload's splits dated after <paramref name="timestamp"/>.</summary>
    public double SplitFactorAfter(long timestamp) =>
        Splits.Where(s => s.Date > timestamp).Aggregate(1.0, (f, s) => f * s.Numerator / s.Denominator);

    private static double?[] Prices(JsonElement container, string name) =>
        container.GetProperty(name).EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Null ? (double?)null : e.GetDouble())
            .ToArray();
}
