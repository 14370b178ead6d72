namespace StockLakehouse.Cloud.Tests.Http;

public sealed class TransientFailuresTests
{
    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout, "", true)]
    [InlineData(HttpStatusCode.TooManyRequests, "", true)]
    [InlineData(HttpStatusCode.InternalServerError, "", true)]
    [InlineData(HttpStatusCode.BadGateway, "", true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "backendError", true)]
    [InlineData(HttpStatusCode.GatewayTimeout, "", true)]
    [InlineData(HttpStatusCode.Forbidden, "rateLimitExceeded", true)]
    [InlineData(HttpStatusCode.Forbidden, "backendError", true)]
    [InlineData(HttpStatusCode.Forbidden, "accessDenied", false)]
    [InlineData(HttpStatusCode.Forbidden, "quotaExceeded", false)]
    [InlineData(HttpStatusCode.Forbidden, "", false)]
    [InlineData(HttpStatusCode.BadRequest, "rateLimitExceeded", false)]
    [InlineData(HttpStatusCode.NotFound, "", false)]
    [InlineData(HttpStatusCode.Conflict, "duplicate", false)]
    [InlineData(HttpStatusCode.Unauthorized, "", false)]
    public void IsTransient_StatusAndReason_FollowsTheOneRule(HttpStatusCode status, string reason, bool transient)
    {
        Assert.Equal(transient, TransientFailures.IsTransient(status, reason.Length == 0 ? [] : [reason]));
    }

    [Fact]
    public void IsTransient_RateLimitedAnswer_IsTransientAndAccessDeniedIsNot()
    {
        Assert.True(TransientFailures.IsTransient(Error(HttpStatusCode.Forbidden, "bigquery/error_rate_limit_exceeded.json")));
        Assert.False(TransientFailures.IsTransient(Error(HttpStatusCode.Forbidden, "bigquery/error_access_denied.json")));
    }

    [Fact]
    public void IsTransient_BrokenConnectionOrOwnTimeout_IsTransientButTheCallersCancellationIsNot()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.True(TransientFailures.IsTransient(new HttpRequestException("Connection reset by peer"), CancellationToken.None));
        Assert.True(TransientFailures.IsTransient(new IOException("Unable to read data from the transport connection"), CancellationToken.None));
        Assert.True(TransientFailures.IsTransient(new TaskCanceledException("HttpClient.Timeout"), CancellationToken.None));
        Assert.False(TransientFailures.IsTransient(new TaskCanceledException("cancelled"), cancelled.Token));
        Assert.False(TransientFailures.IsTransient(new InvalidOperationException("a bug"), CancellationToken.None));
    }

    [Fact]
    public void IsTransient_ExceptionFromAnyGoogleClient_UsesStatusAndReasons()
    {
        // What Google.Apis-based libraries (Google.Cloud.Storage.V1) throw: the same type, judged by the same rule.
        var fromLibrary = new GoogleApiException("storage", "rate limited")
        {
            HttpStatusCode = HttpStatusCode.Forbidden,
            Error = new Google.Apis.Requests.RequestError { Code = 403, Errors = [new Google.Apis.Requests.SingleError { Reason = "rateLimitExceeded" }] },
        };

        Assert.True(TransientFailures.IsTransient(fromLibrary, CancellationToken.None));
        Assert.Equal("HTTP 403 rateLimitExceeded", TransientFailures.Describe(fromLibrary));
    }

    private static GoogleApiException Error(HttpStatusCode status, string fixture) =>
        GoogleApiErrors.FromResponse("GET x", "bigquery", status, FixtureFiles.Text(fixture));
}
