using System.Net;
using System.Net.Http.Headers;
using StockLakehouse.Cloud.Http;

namespace StockLakehouse.Cloud.Tests.Http;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_DelaySeconds_IsThatManySeconds()
    {
        using var response = Response("17");

        Assert.Equal(TimeSpan.FromSeconds(17), RetryAfter.Of(response, Now));
    }

    [Fact]
    public void Of_HttpDate_IsTheTimeUntilThatDate()
    {
        using var response = Response("Thu, 01 Jan 2026 02:01:30 GMT");

        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfter.Of(response, Now));
    }

    [Fact]
    public void Of_HttpDateInThePast_IsZero()
    {
        using var response = Response("Thu, 01 Jan 2026 01:59:00 GMT");

        Assert.Equal(TimeSpan.Zero, RetryAfter.Of(response, Now));
    }

    [Fact]
    public void Of_NoHeader_IsNull()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Null(RetryAfter.Of(response, Now));
    }

    private static HttpResponseMessage Response(string retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = RetryConditionHeaderValue.Parse(retryAfter);
        return response;
    }
}
