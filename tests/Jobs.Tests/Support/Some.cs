using System.Text;
using StockLakehouse.Core.Lake;
using StockLakehouse.Jobs.Silver;

namespace StockLakehouse.Jobs.Tests.Support;

/// <summary>Builds test data.</summary>
internal static class Some
{
    public static RawObjectMetadata Metadata(string symbol, DateOnly from, DateOnly to) =>
        new("yahoo", "chart", symbol, $"https://example.test/v8/finance/chart/{symbol}", 200, new DateTimeOffset(to.ToDateTime(new TimeOnly(22, 0)), TimeSpan.Zero), from, to, "0", 0);

    public static RawChartObject RawObject(string symbol, byte[] body, DateOnly from, DateOnly to, DateOnly ingest, string? key = null) =>
        new(key ?? $"raw/source=yahoo/dataset=chart/ingest_date={ingest:yyyy-MM-dd}/{symbol}-test{ingest:yyyyMMdd}.json", ingest, Metadata(symbol, from, to), body);

    public static byte[] Chart(string symbol, IEnumerable<(long Timestamp, double Open, double High, double Low, double Close, long Volume)> bars)
    {
        var list = bars.ToArray();
        string Join<T>(Func<(long Timestamp, double Open, double High, double Low, double Close, long Volume), T> pick) =>
            string.Join(",", list.Select(b => Convert.ToString(pick(b), System.Globalization.CultureInfo.InvariantCulture)));
        var json = $$$"""
            {"chart":{"result":[{"meta":{"currency":"USD","symbol":"{{{symbol}}}","exchangeName":"NYQ","instrumentType":"EQUITY","exchangeTimezoneName":"America/New_York"},
            "timestamp":[{{{Join(b => b.Timestamp)}}}],
            "indicators":{"quote":[{"open":[{{{Join(b => b.Open)}}}],"high":[{{{Join(b => b.High)}}}],"low":[{{{Join(b => b.Low)}}}],"close":[{{{Join(b => b.Close)}}}],"volume":[{{{Join(b => b.Volume)}}}]}],
            "adjclose":[{"adjclose":[{{{Join(b => b.Close)}}}]}]}}],"error":null}}
            """;
        return Encoding.UTF8.GetBytes(json);
    }

    /// <summary>09:30 New York on <paramref name="date"/> as epoch seconds.</summary>
    public static long SessionOpen(DateOnly date) =>
        StockLakehouse.Core.Calendar.NyseCalendar.Instance.SessionOpenUtc(date)!.Value.ToUnixTimeSeconds();
}
