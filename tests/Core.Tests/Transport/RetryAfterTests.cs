using System.Net;
using StockLakehouse.Core.Transport;

namespace StockLakehouse.Core.Tests.Transport;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 10, 15, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("7", 7)]
    [InlineData(" 120 ", 120)]
    [InlineData("Fri, 10 Jan 2025 15:00:30 GMT", 30)]
    [InlineData("Fri, 10 Jan 2025 15:01:30 GMT", 90)]
    [InlineData("Fri, 10 Jan 2025 14:59:00 GMT", 0)]
    public void Of_SecondsOrAnHttpDate_IsTheWaitFromNowAndZeroForThePast(string value, int seconds)
    {
        using var response = Response(value);

        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfter.Of(response, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    public void Of_AnAbsentOrUnreadableHeader_IsNull(string? value)
    {
        using var response = Response(value);

        Assert.Null(RetryAfter.Of(response, Now));
    }

    private static HttpResponseMessage Response(string? retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        if (retryAfter is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        return response;
    }
}
