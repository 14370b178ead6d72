using StockLakehouse.Core.Transport;

namespace StockLakehouse.Core.Tests.Transport;

public sealed class TransientFaultsTests
{
    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(599, true)]
    [InlineData(200, false)]
    [InlineData(400, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    public void IsTransientStatus_TimeoutThrottlingAndServerErrors_AreTransient(int status, bool transient) =>
        Assert.Equal(transient, TransientFaults.IsTransientStatus(status));

    [Fact]
    public void IsTransient_BrokenConnectionsAndTimeouts_AreTransientButNotTheCallersCancellationNorABug()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.True(TransientFaults.IsTransient(new HttpRequestException("Connection refused"), CancellationToken.None));
        Assert.True(TransientFaults.IsTransient(new HttpIOException(HttpRequestError.ResponseEnded), CancellationToken.None));
        Assert.True(TransientFaults.IsTransient(new TimeoutException("no answer"), CancellationToken.None));
        Assert.True(TransientFaults.IsTransient(new TaskCanceledException("connect timeout"), CancellationToken.None));
        Assert.False(TransientFaults.IsTransient(new TaskCanceledException("Ctrl+C"), cancelled.Token));
        Assert.False(TransientFaults.IsTransient(new InvalidOperationException("a bug"), CancellationToken.None));
    }
}
