using System.Net;
using StockLakehouse.Cloud.Http;
using StockLakehouse.Cloud.Tests.Support;

namespace StockLakehouse.Cloud.Tests.Http;

public sealed class GoogleApiExceptionTests
{
    [Fact]
    public void FromResponse_StandardErrorBody_KeepsMessageStatusAndReasonsVerbatim()
    {
        var body = Fixtures.Read("bigquery/error_invalid_query.json");

        var error = GoogleApiException.FromResponse("POST https://bigquery.googleapis.com/bigquery/v2/projects/p/queries", HttpStatusCode.BadRequest, body);

        Assert.Equal("Unrecognized name: tradedate; Did you mean trade_date? at [1:63]", error.ApiMessage);
        Assert.Equal("INVALID_ARGUMENT", error.Status);
        Assert.Equal(["invalidQuery"], error.Reasons);
        Assert.Equal(body, error.Body);
        Assert.Equal(
            "POST https://bigquery.googleapis.com/bigquery/v2/projects/p/queries failed with HTTP 400 INVALID_ARGUMENT: Unrecognized name: tradedate; Did you mean trade_date? at [1:63]",
            error.Message);
    }

    [Fact]
    public void FromResponse_ErrorWithoutErrorsArray_StillReadsMessageAndStatus()
    {
        var error = GoogleApiException.FromResponse("POST x", HttpStatusCode.Conflict, Fixtures.Read("dataproc/error_batch_already_exists.json"));

        Assert.Equal("ALREADY_EXISTS", error.Status);
        Assert.Empty(error.Reasons);
        Assert.True(error.IsAlreadyExists);
        Assert.StartsWith("Already exists: Failed to create batch", error.ApiMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void FromResponse_PlainTextBody_UsesTheBodyAsTheMessage()
    {
        var error = GoogleApiException.FromResponse("GET x", HttpStatusCode.TooManyRequests, "Too Many Requests\n");

        Assert.Equal("Too Many Requests", error.ApiMessage);
        Assert.Null(error.Status);
        Assert.True(error.IsTransient);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.Conflict, false)]
    public void IsTransient_ByStatus_OnlyRateLimitsAndServerErrors(HttpStatusCode status, bool transient)
    {
        Assert.Equal(transient, GoogleApiException.FromResponse("GET x", status, "{}").IsTransient);
    }
}
