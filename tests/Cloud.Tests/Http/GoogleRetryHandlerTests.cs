using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace StockLakehouse.Cloud.Tests.Http;

public sealed class GoogleRetryHandlerTests
{
    private static readonly Uri Jobs = new("https://bigquery.googleapis.com/bigquery/v2/projects/p/jobs");

    [Fact]
    public async Task Send_ServiceUnavailableThenOk_SendsTheSameBodyAgainAfterTheFirstBackoff()
    {
        var handler = new ScriptedHandler()
            .ThenFixture("bigquery/error_backend.json", HttpStatusCode.ServiceUnavailable)
            .Then(HttpStatusCode.OK, "{\"ok\":true}");
        var clock = new RecordingClock(Clients.Start);

        var answer = await Clients.Json(handler, clock).PostAsync(Jobs, new JsonObject { ["jobReference"] = new JsonObject { ["jobId"] = "j1" } }, CancellationToken.None);

        Assert.True(answer["ok"]!.GetValue<bool>());
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(handler.Requests[0].Body, handler.Requests[1].Body);
        Assert.All(handler.Requests, r => Assert.Equal($"Bearer {Clients.Token}", r.Authorization));
        Assert.Equal([Backoff.Requests.Initial], clock.Waits);
    }

    [Fact]
    public async Task Send_RetryAfterInSeconds_WaitsWhatTheServerAsked()
    {
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.TooManyRequests, "Too Many Requests", new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)))
            .Then(HttpStatusCode.OK, "{}");
        var clock = new RecordingClock(Clients.Start);

        await Clients.Json(handler, clock).GetAsync(Jobs, CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(7)], clock.Waits);
    }

    [Fact]
    public async Task Send_RetryAfterAsHttpDate_WaitsUntilThatDateOnTheInjectedClock()
    {
        var clock = new RecordingClock(new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.Zero));
        var handler = new ScriptedHandler()
            .ThenFixture("bigquery/error_backend.json", HttpStatusCode.ServiceUnavailable, new RetryConditionHeaderValue(new DateTimeOffset(2026, 1, 1, 2, 1, 30, TimeSpan.Zero)))
            .Then(HttpStatusCode.OK, "{}");

        await Clients.Json(handler, clock).GetAsync(Jobs, CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(90)], clock.Waits);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Send_RetryAfterLongerThanTheClientWaits_SurfacesTheErrorAtOnce()
    {
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.TooManyRequests, "Too Many Requests", new RetryConditionHeaderValue(TimeSpan.FromMinutes(30)));
        var clock = new RecordingClock(Clients.Start);

        var error = await Assert.ThrowsAsync<GoogleApiException>(() => Clients.Json(handler, clock).GetAsync(Jobs, CancellationToken.None));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.HttpStatusCode);
        Assert.Empty(clock.Waits);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Send_ForbiddenRateLimitExceeded_IsRetried()
    {
        var handler = new ScriptedHandler()
            .ThenFixture("bigquery/error_rate_limit_exceeded.json", HttpStatusCode.Forbidden)
            .Then(HttpStatusCode.OK, "{}");

        await Clients.Json(handler).GetAsync(Jobs, CancellationToken.None);

        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Send_ForbiddenAccessDenied_IsNotRetried()
    {
        var handler = new ScriptedHandler().ThenFixture("bigquery/error_access_denied.json", HttpStatusCode.Forbidden);
        var clock = new RecordingClock(Clients.Start);

        var error = await Assert.ThrowsAsync<GoogleApiException>(() => Clients.Json(handler, clock).GetAsync(Jobs, CancellationToken.None));

        Assert.Equal(["accessDenied"], error.Reasons());
        Assert.Single(handler.Requests);
        Assert.Empty(clock.Waits);
    }

    [Fact]
    public async Task Send_BrokenConnection_IsSentAgain()
    {
        var handler = new ScriptedHandler()
            .ThenThrow(new HttpRequestException("Connection reset by peer", new IOException("reset")))
            .Then(HttpStatusCode.OK, "{}");

        await Clients.Json(handler).PostAsync(Jobs, new JsonObject { ["a"] = 1 }, CancellationToken.None);

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("{\"a\":1}", handler.Requests[1].Body);
    }

    [Fact]
    public async Task Send_ServerKeepsFailing_GivesUpAfterMaxAttemptsWithItsError()
    {
        var handler = new ScriptedHandler(_ => (HttpStatusCode.ServiceUnavailable, FixtureFiles.Text("bigquery/error_backend.json")));
        var clock = new RecordingClock(Clients.Start);

        var error = await Assert.ThrowsAsync<GoogleApiException>(() => Clients.Json(handler, clock).GetAsync(Jobs, CancellationToken.None));

        Assert.Equal("Error encountered during execution. Retrying may solve the problem.", error.ApiMessage());
        Assert.Equal(6, handler.Requests.Count);
        Assert.Equal(Enumerable.Range(0, 5).Select(Backoff.Requests.DelayBefore), clock.Waits);
    }

    [Fact]
    public async Task Send_TryWithoutAnAnswer_IsAbandonedAfterTheAttemptTimeoutAndSentAgain()
    {
        var transport = new HangsOnce();
        var retry = new GoogleRetryHandler(new RecordingClock(Clients.Start), Serilog.Core.Logger.None) { AttemptTimeout = TimeSpan.FromMilliseconds(50) };
        using var http = GoogleCloudHttp.CreateClient(Google.Apis.Auth.OAuth2.GoogleCredential.FromAccessToken(Clients.Token), retry, transport);

        var answer = await new GoogleJsonClient(http).PostAsync(Jobs, new JsonObject { ["jobReference"] = new JsonObject { ["jobId"] = "j1" } }, CancellationToken.None);

        Assert.True(answer["ok"]!.GetValue<bool>());
        Assert.Equal(2, transport.Bodies.Count);
        Assert.Equal(transport.Bodies[0], transport.Bodies[1]);
    }

    /// <summary>Never answers the first request (until it is cancelled), answers the second.</summary>
    private sealed class HangsOnce : HttpMessageHandler
    {
        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Bodies.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
            if (Bodies.Count == 1)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"ok\":true}") };
        }
    }
}
