using StockLakehouse.Cloud.Http;

namespace StockLakehouse.Cloud.Tests.Http;

public sealed class PollingBackoffTests
{
    [Fact]
    public void DelayBefore_SuccessivePolls_DoubleUpToTheMaximum()
    {
        var backoff = new PollingBackoff(TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(5));

        var delays = Enumerable.Range(0, 6).Select(backoff.DelayBefore).Select(d => d.TotalSeconds).ToArray();

        Assert.Equal([1, 2, 4, 5, 5, 5], delays);
    }

    [Fact]
    public void DelayBefore_VeryManyPolls_StaysAtTheMaximum()
    {
        Assert.Equal(PollingBackoff.DataprocBatches.Maximum, PollingBackoff.DataprocBatches.DelayBefore(10_000));
    }
}
