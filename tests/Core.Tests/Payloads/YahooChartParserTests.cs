using System.Text;
using StockLakehouse.Core.Payloads.Yahoo;

namespace StockLakehouse.Core.Tests.Payloads;

public sealed class YahooChartParserTests
{
    [Fact]
    public void Parse_RealFormatPayload_ReadsMetaArraysAndEvents()
    {
        var result = YahooChartParser.Parse(FixtureFiles.Bytes("yahoo/chart-split-dividend-defects.json"));

        Assert.True(result.IsSuccess, result.Rejection?.Detail);
        var chart = result.Value;
        Assert.Equal("XMPL", chart.Meta.Symbol);
        Assert.Equal("USD", chart.Meta.Currency);
        Assert.Equal("NMS", chart.Meta.ExchangeName);
        Assert.Equal("America/New_York", chart.Meta.ExchangeTimezoneName);
        Assert.Equal(9, chart.Count);
        Assert.Equal(1598448600, chart.Timestamps[0]);
        Assert.Equal(125.0, chart.Close[0]);
        Assert.Equal(40000000, chart.Volume[0]);
        Assert.Equal(128.0, chart.Close[3]);
        Assert.NotNull(chart.AdjClose);
        Assert.Equal(9, chart.AdjClose!.Length);
        var dividend = Assert.Single(chart.Dividends);
        Assert.Equal(0.205, dividend.Amount);
        var split = Assert.Single(chart.Splits);
        Assert.Equal(4.0, split.Ratio);
    }

    [Fact]
    public void Parse_NullInAnArray_BecomesNaNAtThatIndexOnly()
    {
        var chart = YahooChartParser.Parse(FixtureFiles.Bytes("yahoo/chart-split-dividend-defects.json")).Value!;

        Assert.True(double.IsNaN(chart.Close[5]));
        Assert.True(double.IsNaN(chart.AdjClose![5]));
        Assert.Equal(131.0, chart.Open[5]);
        Assert.False(double.IsNaN(chart.Close[4]));
    }

    [Fact]
    public void Parse_DuplicatedTrailingBar_KeepsBothElementsForSilverToResolve()
    {
        var chart = YahooChartParser.Parse(FixtureFiles.Bytes("yahoo/chart-split-dividend-defects.json")).Value!;

        Assert.Equal(chart.Timestamps[7] + (6 * 3600) + 1800, chart.Timestamps[8]);
        Assert.Equal(120.8, chart.Close[7]);
        Assert.Equal(120.9, chart.Close[8]);
    }

    [Fact]
    public void Parse_ChartError_IsRejectedWithYahoosDescription()
    {
        var result = YahooChartParser.Parse(FixtureFiles.Bytes("yahoo/chart-not-found.json"));

        Assert.False(result.IsSuccess);
        Assert.Equal(YahooChartParser.ReasonSourceError, result.Rejection.Reason);
        Assert.Contains("Not Found", result.Rejection.Detail, StringComparison.Ordinal);
        Assert.Contains("symbol may be delisted", result.Rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TruncatedBody_IsRejectedAsMalformed()
    {
        var result = YahooChartParser.Parse(FixtureFiles.Bytes("yahoo/chart-truncated.json"));

        Assert.False(result.IsSuccess);
        Assert.Equal(YahooChartParser.ReasonMalformed, result.Rejection.Reason);
    }

    [Fact]
    public void Parse_HtmlPage_IsRejectedAsNotJson()
    {
        var result = YahooChartParser.Parse(FixtureFiles.Bytes("yahoo/rate-limited.html"));

        Assert.False(result.IsSuccess);
        Assert.Equal(YahooChartParser.ReasonNotJson, result.Rejection.Reason);
        Assert.Contains("HTML", result.Rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Too Many Requests")]
    [InlineData("[1,2,3]")]
    public void Parse_BodyThatIsNotAJsonObject_IsRejected(string body)
    {
        var result = YahooChartParser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.False(result.IsSuccess);
        Assert.Equal(YahooChartParser.ReasonNotJson, result.Rejection.Reason);
    }

    [Fact]
    public void Parse_EmptyResultArray_IsRejectedAsNoResult()
    {
        var result = YahooChartParser.Parse("""{"chart":{"result":[],"error":null}}"""u8);

        Assert.False(result.IsSuccess);
        Assert.Equal(YahooChartParser.ReasonNoResult, result.Rejection.Reason);
    }

    [Fact]
    public void Parse_ResultWithoutEventsOrAdjclose_HasEmptyEventsAndNoAdjclose()
    {
        var result = YahooChartParser.Parse("""
            {"chart":{"result":[{"meta":{"symbol":"X","currency":"USD"},"timestamp":[1704205800],
            "indicators":{"quote":[{"open":[1.5],"high":[2],"low":[1],"close":[1.75],"volume":[100]}]}}],"error":null}}
            """u8);

        Assert.True(result.IsSuccess);
        Assert.Empty(result.Value.Dividends);
        Assert.Empty(result.Value.Splits);
        Assert.Null(result.Value.AdjClose);
        Assert.Equal(1.75, result.Value.Close[0]);
    }

    [Fact]
    public void Parse_ShortQuoteArray_IsPaddedWithNaNToTheTimestampCount()
    {
        var result = YahooChartParser.Parse("""
            {"chart":{"result":[{"meta":{"symbol":"X"},"timestamp":[1,2,3],
            "indicators":{"quote":[{"open":[1,2,3],"high":[1,2,3],"low":[1,2,3],"close":[1,2],"volume":[1,2,3]}]}}],"error":null}}
            """u8);

        Assert.True(result.IsSuccess);
        Assert.Equal(3, result.Value.Close.Length);
        Assert.True(double.IsNaN(result.Value.Close[2]));
    }

    [Fact]
    public void Parse_LargePayload_ReadsEveryElement()
    {
        var n = 6000;
        var builder = new StringBuilder("""{"chart":{"result":[{"meta":{"symbol":"BIG"},"timestamp":[""");
        builder.AppendJoin(',', Enumerable.Range(0, n).Select(i => 1_000_000 + i));
        builder.Append("""],"indicators":{"quote":[{"close":[""");
        builder.AppendJoin(',', Enumerable.Range(0, n).Select(i => (i * 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        builder.Append("]}]}}],\"error\":null}}");

        var result = YahooChartParser.Parse(Encoding.UTF8.GetBytes(builder.ToString()));

        Assert.True(result.IsSuccess);
        Assert.Equal(n, result.Value.Count);
        Assert.Equal((n - 1) * 0.5, result.Value.Close[n - 1]);
        Assert.True(double.IsNaN(result.Value.Open[n - 1]));
    }

    [Fact]
    public void Parse_QuoteArrayLongerThanTheTimestamps_IsCutToTheTimestampCount()
    {
        var result = YahooChartParser.Parse("""
            {"chart":{"result":[{"meta":{"symbol":"X"},"timestamp":[1,2],
            "indicators":{"quote":[{"close":[1.5,2.5,3.5,4.5,5.5]}]}}],"error":null}}
            """u8);

        Assert.True(result.IsSuccess);
        Assert.Equal([1.5, 2.5], result.Value.Close);
    }

    [Fact]
    public void Parse_TimestampsAfterTheIndicators_ReadsTheSameChart()
    {
        var first = YahooChartParser.Parse("""
            {"chart":{"result":[{"meta":{"symbol":"X"},"timestamp":[1,2,3],
            "indicators":{"quote":[{"close":[1.25,null]}],"adjclose":[{"adjclose":[1,2,3,4]}]}}],"error":null}}
            """u8);
        var last = YahooChartParser.Parse("""
            {"chart":{"result":[{"meta":{"symbol":"X"},
            "indicators":{"quote":[{"close":[1.25,null]}],"adjclose":[{"adjclose":[1,2,3,4]}]},"timestamp":[1,2,3]}],"error":null}}
            """u8);

        Assert.True(first.IsSuccess);
        Assert.True(last.IsSuccess);
        Assert.Equal(first.Value.Close, last.Value.Close);
        Assert.Equal(first.Value.AdjClose, last.Value.AdjClose);
        Assert.Equal(first.Value.Open, last.Value.Open);
        Assert.Equal(3, last.Value.Close.Length);
        Assert.True(double.IsNaN(last.Value.Close[1]) && double.IsNaN(last.Value.Close[2]));
        Assert.Equal([1.0, 2.0, 3.0], last.Value.AdjClose!);
    }
}
