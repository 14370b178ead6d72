using StockLakehouse.Extractor.Sources.Http;

namespace StockLakehouse.Extractor.Tests.Sources.Http;

public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 10, 15, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("7", 7)]
    [InlineData(" 120 ", 120)]
    [InlineData("Fri, 10 Jan 2025 15:00:30 GMT", 30)]
    [InlineData("Fri, 10 Jan 2025 14:59:00 GMT", 0)]
    public void Seconds_and_http_dates_become_a_wait_from_now(string value, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfterHeader.Parse(value, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    public void Absent_or_unreadable_values_give_no_wait(string? value)
    {
        Assert.Null(RetryAfterHeader.Parse(value, Now));
    }
}
