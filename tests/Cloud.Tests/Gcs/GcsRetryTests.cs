using System.Net;
using System.Text;
using Serilog.Events;
using StockLakehouse.Cloud.Gcs;

namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>How <see cref="GcsObjectStore"/> retries: which failures, how often, how long it waits, what it logs.</summary>
public sealed class GcsRetryTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly GcsTestBench _bench = new();

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public async Task TransientStatus_IsRetriedUntilItSucceeds(HttpStatusCode status)
    {
        _bench.Server.Inject(ServerFault.Respond(status));
        _bench.Server.Inject(ServerFault.Respond(status));

        await _bench.Store.PutAsync("raw/a.json", Bytes("x"), None);

        Assert.Equal(3, _bench.Server.Requests.Count);
        Assert.Equal("x", Encoding.UTF8.GetString(_bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/a.json"))!));
        Assert.Equal(2, _bench.Clock.Delays.Count);
    }

    [Fact]
    public async Task Backoff_GrowsExponentiallyWithinItsCeiling()
    {
        for (var i = 0; i < 3; i++)
        {
            _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.ServiceUnavailable));
        }

        await _bench.Store.PutAsync("raw/a.json", Bytes("x"), None);

        var delays = _bench.Clock.Delays;
        Assert.Equal(3, delays.Count);
        Assert.InRange(delays[0], TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.InRange(delays[1], TimeSpan.Zero, TimeSpan.FromSeconds(2));
        Assert.InRange(delays[2], TimeSpan.Zero, TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task RetryAfter_IsWaitedExactly()
    {
        _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(7)));

        Assert.Null(await _bench.Store.ReadAsync("raw/a.json", None));

        Assert.Equal(2, _bench.Server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(7)], _bench.Clock.Delays);
    }

    [Fact]
    public async Task RetryAfter_LongerThanTheLimit_FailsAtOnceAsTransient()
    {
        _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromHours(1)));

        var error = await Assert.ThrowsAsync<GcsException>(() => _bench.Store.ReadAsync("raw/a.json", None));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Single(_bench.Server.Requests);
        Assert.Empty(_bench.Clock.Delays);
    }

    [Fact]
    public async Task PersistentTransientStatus_StopsAfterMaxAttemptsWithGcsMessage()
    {
        for (var i = 0; i < 10; i++)
        {
            _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.ServiceUnavailable));
        }

        var error = await Assert.ThrowsAsync<GcsException>(() => _bench.Store.PutAsync("raw/a.json", Bytes("x"), None));

        Assert.Equal(4, _bench.Server.Requests.Count);
        Assert.Equal(3, _bench.Clock.Delays.Count);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Equal("put", error.Operation);
        Assert.Contains("Injected ServiceUnavailable", error.Message, StringComparison.Ordinal);
        Assert.Null(_bench.Server.Content(GcsTestBench.Bucket, GcsTestBench.ObjectName("raw/a.json")));
    }

    [Fact]
    public async Task BrokenConnections_AreRetriedAndReportedWithTheirCauseWhenTheyPersist()
    {
        _bench.Server.Inject(ServerFault.BreakConnection());
        Assert.True(await _bench.Store.CreateAsync("raw/a.json", Bytes("x"), None));
        Assert.Equal(2, _bench.Server.Requests.Count);

        for (var i = 0; i < 4; i++)
        {
            _bench.Server.Inject(ServerFault.BreakConnection());
        }

        var error = await Assert.ThrowsAsync<GcsException>(() => _bench.Store.ExistsAsync("raw/a.json", None));
        Assert.Null(error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal(6, _bench.Server.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotImplemented)]
    public async Task PermanentStatus_IsNotRetried(HttpStatusCode status)
    {
        _bench.Server.Inject(ServerFault.Respond(status));

        var error = await Assert.ThrowsAsync<GcsException>(() => _bench.Store.PutAsync("raw/a.json", Bytes("x"), None));

        Assert.Equal(status, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Single(_bench.Server.Requests);
        Assert.Empty(_bench.Clock.Delays);
    }

    [Fact]
    public async Task EachAttempt_AsksForAFreshToken()
    {
        _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.ServiceUnavailable));

        await _bench.Store.PutAsync("raw/a.json", Bytes("x"), None);

        Assert.Equal(["Bearer token-1", "Bearer token-2"], _bench.Server.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task Retries_AreLoggedAsWarningsWithTheirProperties()
    {
        _bench.Server.Inject(ServerFault.Respond(HttpStatusCode.ServiceUnavailable));

        await _bench.Store.PutAsync("raw/a.json", Bytes("x"), None);

        var warning = Assert.Single(_bench.Sink.Events, e => e.Level == LogEventLevel.Warning);
        Assert.Equal("\"put\"", warning.Properties["Operation"].ToString());
        Assert.Equal("\"gs://lake-bucket/tests/lake/raw/a.json\"", warning.Properties["Object"].ToString());
        Assert.Equal("1", warning.Properties["Attempt"].ToString());
        Assert.Equal("4", warning.Properties["MaxAttempts"].ToString());
        Assert.Contains("503", warning.Properties["Failure"].ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_bench.Sink.Events, e => e.RenderMessage().Contains("token-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CancellationDuringTheWait_StopsRetrying()
    {
        using var cancellation = new CancellationTokenSource();
        _bench.Server.Inject(new ServerFault(
            _ =>
            {
                cancellation.Cancel();
                return true;
            },
            Status: HttpStatusCode.ServiceUnavailable));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _bench.Store.PutAsync("raw/a.json", Bytes("x"), cancellation.Token));

        Assert.Single(_bench.Server.Requests);
    }

    public void Dispose() => _bench.Dispose();

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
