using StockLakehouse.Core.Transport;

namespace StockLakehouse.Core.Tests.Transport;

public sealed class BackoffTests
{
    [Fact]
    public void DelayBefore_SuccessivePolls_DoubleUpToTheMaximum()
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(5));

        var delays = Enumerable.Range(0, 6).Select(backoff.DelayBefore).Select(d => d.TotalSeconds).ToArray();

        Assert.Equal([1, 2, 4, 5, 5, 5], delays);
    }

    [Fact]
    public void DelayBefore_VeryManyPolls_StaysAtTheMaximum()
    {
        Assert.Equal(Backoff.DataprocBatches.Maximum, Backoff.DataprocBatches.DelayBefore(10_000));
    }

    [Fact]
    public void Requests_RetriesOfOneRequest_Are1To32Seconds()
    {
        Assert.Equal([1, 2, 4, 8, 16, 32, 32], Enumerable.Range(0, 7).Select(Backoff.Requests.DelayBefore).Select(d => d.TotalSeconds));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(1.0)]
    public void DelayBefore_WithFullJitter_IsThatFractionOfTheCeiling(double unitRandom)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            Assert.Equal(Backoff.Requests.DelayBefore(attempt) * unitRandom, Backoff.Requests.JitteredDelayBefore(attempt, unitRandom));
        }
    }
}
