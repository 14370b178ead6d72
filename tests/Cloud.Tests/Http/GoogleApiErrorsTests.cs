namespace StockLakehouse.Cloud.Tests.Http;

public sealed class GoogleApiErrorsTests
{
    [Fact]
    public void FromResponse_StandardErrorBody_KeepsMessageStatusAndReasonsVerbatim()
    {
        var body = FixtureFiles.Text("bigquery/error_invalid_query.json");

        var error = GoogleApiErrors.FromResponse("POST https://bigquery.googleapis.com/bigquery/v2/projects/p/queries", "bigquery", HttpStatusCode.BadRequest, body);

        Assert.Equal("Unrecognized name: tradedate; Did you mean trade_date? at [1:63]", error.ApiMessage());
        Assert.Equal(["invalidQuery"], error.Reasons());
        Assert.Equal(body, error.Error.ErrorResponseContent);
        Assert.Equal(400, error.Error.Code);
        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal("bigquery", error.ServiceName);
        Assert.Equal(
            "POST https://bigquery.googleapis.com/bigquery/v2/projects/p/queries failed with HTTP 400 INVALID_ARGUMENT: Unrecognized name: tradedate; Did you mean trade_date? at [1:63]",
            error.Message);
    }

    [Fact]
    public void FromResponse_ErrorWithoutErrorsArray_StillReadsMessageAndStatus()
    {
        var error = GoogleApiErrors.FromResponse("POST x", "dataproc", HttpStatusCode.Conflict, FixtureFiles.Text("dataproc/error_batch_already_exists.json"));

        Assert.Contains("HTTP 409 ALREADY_EXISTS: ", error.Message, StringComparison.Ordinal);
        Assert.Empty(error.Reasons());
        Assert.True(error.IsAlreadyExists());
        Assert.StartsWith("Already exists: Failed to create batch", error.ApiMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromResponse_PlainTextBody_UsesTheBodyAsTheMessage()
    {
        var error = GoogleApiErrors.FromResponse("GET x", "bigquery", HttpStatusCode.TooManyRequests, "Too Many Requests\n");

        Assert.Equal("Too Many Requests", error.ApiMessage());
        Assert.Equal("GET x failed with HTTP 429: Too Many Requests", error.Message);
        Assert.True(TransientFailures.IsTransient(error));
    }

    [Theory]
    [InlineData("https://bigquery.googleapis.com/bigquery/v2/projects/p/jobs", "bigquery")]
    [InlineData("https://dataproc.googleapis.com/v1/projects/p/locations/r/batches", "dataproc")]
    [InlineData("http://127.0.0.1:9000/v1/x", "127")]
    public void ServiceOf_Endpoint_IsTheHostsFirstLabel(string uri, string service) =>
        Assert.Equal(service, GoogleApiErrors.ServiceOf(new Uri(uri)));
}
