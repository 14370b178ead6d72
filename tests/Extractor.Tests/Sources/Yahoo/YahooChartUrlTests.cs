using StockLakehouse.Extractor.Sources.Yahoo;

namespace StockLakehouse.Extractor.Tests.Sources.Yahoo;

public sealed class YahooChartUrlTests
{
    [Fact]
    public void Periods_run_from_midnight_new_york_of_the_first_day_to_midnight_after_the_last()
    {
        var url = YahooChartSource.ChartUrl(YahooOptions.DefaultBaseUrl, "BRK-B", new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 10));

        // 2025-01-02 00:00 EST = 05:00Z = 1735794000; 2025-01-11 00:00 EST = 1736571600.
        Assert.Equal(
            "https://query1.finance.yahoo.com/v8/finance/chart/BRK-B?period1=1735794000&period2=1736571600&interval=1d&events=div,splits",
            url.AbsoluteUri);
    }

    [Fact]
    public void Daylight_saving_time_shifts_midnight_to_four_hours_before_utc_midnight()
    {
        var (period1, period2) = YahooPeriod.Of(new DateOnly(2024, 7, 1), new DateOnly(2024, 7, 1));

        Assert.Equal(new DateTimeOffset(2024, 7, 1, 4, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), period1);
        Assert.Equal(period1 + 86_400, period2);
    }

    [Fact]
    public void Symbols_are_escaped_in_the_path()
    {
        var url = YahooChartSource.ChartUrl(new Uri("http://127.0.0.1:1234"), "^GSPC", new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 2));

        Assert.StartsWith("http://127.0.0.1:1234/v8/finance/chart/%5EGSPC?", url.AbsoluteUri, StringComparison.Ordinal);
    }
}
