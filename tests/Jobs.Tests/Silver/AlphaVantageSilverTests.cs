using System.Globalization;
using System.Text;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Payloads.AlphaVantage;
using StockLakehouse.Core.Payloads.Yahoo;
using StockLakehouse.Jobs.Silver;
using StockLakehouse.Jobs.Tests.Support;

namespace StockLakehouse.Jobs.Tests.Silver;

/// <summary>Alpha Vantage TIME_SERIES_DAILY objects in silver, alone and together with Yahoo chart objects of the same symbol.</summary>
public sealed class AlphaVantageSilverTests
{
    private static readonly Symbol Ibm = Symbol.Parse("IBM");
    private static readonly Symbol Xmpl = Symbol.Parse("XMPL");
    private readonly DailyBarSilverFunction _function = new(NyseCalendar.Instance);

    private static RawChartObject AlphaVantage(string symbol, byte[] body, DateOnly from, DateOnly to, DateOnly ingest) =>
        Some.RawObject(symbol, body, from, to, ingest, $"raw/source=alphavantage/dataset=time_series_daily/ingest_date={ingest:yyyy-MM-dd}/{symbol}-av{ingest:yyyyMMdd}.json") is var raw
            ? raw with { Metadata = raw.Metadata! with { Source = "alphavantage", Dataset = "time_series_daily" } }
            : throw new InvalidOperationException();

    /// <summary>A TIME_SERIES_DAILY body in Alpha Vantage's shape: string values, newest date first.</summary>
    private static byte[] Daily(string symbol, params (DateOnly Date, string Open, string High, string Low, string Close, string Volume)[] bars)
    {
        var series = string.Join(",", bars.OrderByDescending(b => b.Date).Select(b =>
            string.Create(CultureInfo.InvariantCulture, $"\"{b.Date:yyyy-MM-dd}\":{{\"1. open\":\"{b.Open}\",\"2. high\":\"{b.High}\",\"3. low\":\"{b.Low}\",\"4. close\":\"{b.Close}\",\"5. volume\":\"{b.Volume}\"}}")));
        return Encoding.UTF8.GetBytes($$$"""{"Meta Data":{"1. Information":"Daily Prices (open, high, low, close) and Volumes","2. Symbol":"{{{symbol}}}","5. Time Zone":"US/Eastern"},"Time Series (Daily)":{{{{series}}}}}""");
    }

    [Fact]
    public void Fixture_bars_are_kept_as_traded_with_the_reference_currency_and_no_adjclose()
    {
        var body = FixtureFiles.Bytes("alphavantage/time-series-daily-ibm.json");

        var result = _function.Process(Ibm, [AlphaVantage("IBM", body, new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 10), new DateOnly(2025, 1, 10))], "USD");

        var bars = result.Bars;
        Assert.Empty(result.Rejects);
        Assert.Equal(6, bars.Count);
        Assert.Equal(new DateOnly(2025, 1, 10), bars.TradeDate[^1]);
        Assert.Equal((221.97, 222.36, 217.6, 219.75, 4_235_011L), (bars.Open[^1], bars.High[^1], bars.Low[^1], bars.Close[^1], bars.Volume[^1]));
        Assert.All(bars.Source, s => Assert.Equal("alphavantage", s));
        Assert.All(bars.Currency, c => Assert.Equal("USD", c));
        Assert.All(bars.AdjClose, a => Assert.True(double.IsNaN(a)));
        Assert.All(bars.Dividend, d => Assert.Equal(0, d));
        Assert.All(bars.SplitRatio, r => Assert.Equal(1, r));
    }

    [Fact]
    public void Without_a_reference_currency_the_payload_is_quarantined()
    {
        var body = FixtureFiles.Bytes("alphavantage/time-series-daily-ibm.json");

        var result = _function.Process(Ibm, [AlphaVantage("IBM", body, new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 10), new DateOnly(2025, 1, 10))]);

        Assert.Equal(0, result.Bars.Count);
        Assert.Equal(RejectReason.MissingCurrency, Assert.Single(result.Rejects).Reason);
    }

    [Fact]
    public void Bars_before_the_requested_start_are_kept_and_after_the_end_quarantined()
    {
        var body = Daily("IBM", (new DateOnly(2025, 1, 2), "1", "2", "1", "2", "10"), (new DateOnly(2025, 1, 8), "1", "2", "1", "2", "10"), (new DateOnly(2025, 1, 10), "1", "2", "1", "2", "10"));

        var result = _function.Process(Ibm, [AlphaVantage("IBM", body, new DateOnly(2025, 1, 6), new DateOnly(2025, 1, 8), new DateOnly(2025, 1, 8))], "USD");

        Assert.Equal([new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 8)], result.Bars.TradeDate);
        var reject = Assert.Single(result.Rejects);
        Assert.Equal((RejectReason.AfterRequestedEnd, new DateOnly(2025, 1, 10)), (reject.Reason, reject.TradeDate));
    }

    [Fact]
    public void Bad_values_reject_the_bar_and_a_message_body_the_payload()
    {
        var bad = Daily("IBM", (new DateOnly(2025, 1, 7), "1", "2", "1", "n/a", "10"), (new DateOnly(2025, 1, 8), "1", "2", "1", "2", "10"));
        var message = Encoding.UTF8.GetBytes("""{"Error Message":"Invalid API call."}""");

        var result = _function.Process(
            Ibm,
            [
                AlphaVantage("IBM", bad, new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 10), new DateOnly(2025, 1, 10)),
                AlphaVantage("IBM", message, new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 10), new DateOnly(2025, 1, 11)),
            ],
            "USD");

        Assert.Equal([new DateOnly(2025, 1, 8)], result.Bars.TradeDate);
        Assert.Equal([RejectReason.NullPrice, YahooChartParser.ReasonSourceError], result.Rejects.Select(r => r.Reason).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_latest_ingest_wins_across_sources_and_keeps_yahoos_dividend_and_split()
    {
        // The Yahoo fixture (ingest 2020-09-04) has a 0.82 dividend on 2020-08-28 and a 4:1 split on 2020-08-31.
        var yahoo = Some.RawObject("XMPL", FixtureFiles.Bytes("yahoo/chart-split-dividend-defects.json"), new DateOnly(2020, 8, 26), new DateOnly(2020, 9, 4), new DateOnly(2020, 9, 4));
        var alphaVantage = AlphaVantage(
            "XMPL",
            Daily("XMPL", (new DateOnly(2020, 8, 28), "501.5", "506", "499", "504.5", "12000100"), (new DateOnly(2020, 8, 31), "127", "131", "126", "128.5", "40000100")),
            new DateOnly(2020, 8, 26),
            new DateOnly(2020, 9, 4),
            new DateOnly(2020, 9, 5));

        var result = _function.Process(Xmpl, [alphaVantage, yahoo], "USD");

        var bars = result.Bars;
        var dividendDay = Array.IndexOf(bars.TradeDate, new DateOnly(2020, 8, 28));
        var splitDay = Array.IndexOf(bars.TradeDate, new DateOnly(2020, 8, 31));
        Assert.Equal(("alphavantage", 504.5, 12_000_100L), (bars.Source[dividendDay], bars.Close[dividendDay], bars.Volume[dividendDay]));
        Assert.Equal(0.82, bars.Dividend[dividendDay], 9);
        Assert.Equal(("alphavantage", 128.5, 4.0), (bars.Source[splitDay], bars.Close[splitDay], bars.SplitRatio[splitDay]));
        Assert.Equal(2, result.SupersededBars);
        Assert.Equal(2, bars.Source.Count(s => s == "alphavantage"));
    }

    [Theory]
    [InlineData("<html><body>502</body></html>", YahooChartParser.ReasonNotJson)]
    [InlineData("""{"Meta Data":{"2. Symbol":"IBM"},"Time Series (Daily)":{"2025-01-10":{"1. open":"1""", YahooChartParser.ReasonMalformed)]
    [InlineData("""{"Information":"Thank you for using Alpha Vantage! Our standard API rate limit is 25 requests per day."}""", YahooChartParser.ReasonSourceError)]
    [InlineData("""{"Meta Data":{"2. Symbol":"IBM"}}""", YahooChartParser.ReasonNoResult)]
    public void Parser_rejects_what_is_no_daily_series_with_a_reason(string body, string reason)
    {
        var parsed = AlphaVantageDailyParser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.False(parsed.IsSuccess);
        Assert.Equal(reason, parsed.Rejection.Reason);
    }
}
