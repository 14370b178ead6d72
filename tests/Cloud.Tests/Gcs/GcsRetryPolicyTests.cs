using StockLakehouse.Cloud.Gcs;

namespace StockLakehouse.Cloud.Tests.Gcs;

public sealed class GcsRetryPolicyTests
{
    private static readonly GcsRetryPolicy Policy = new() { MaxAttempts = 6, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10), MaxRetryAfter = TimeSpan.FromSeconds(30) };

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 2.0)]
    [InlineData(3, 4.0)]
    [InlineData(4, 8.0)]
    [InlineData(5, 10.0)]
    public void DelayBeforeRetry_CeilingDoublesUpToMaxDelay(int failedAttempts, double ceilingSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(ceilingSeconds), Policy.DelayBeforeRetry(failedAttempts, null, 1.0));
        Assert.Equal(TimeSpan.FromSeconds(ceilingSeconds / 2), Policy.DelayBeforeRetry(failedAttempts, null, 0.5));
        Assert.Equal(TimeSpan.Zero, Policy.DelayBeforeRetry(failedAttempts, null, 0.0));
    }

    [Fact]
    public void DelayBeforeRetry_NoAttemptLeft_IsNull() => Assert.Null(Policy.DelayBeforeRetry(6, null, 0.5));

    [Fact]
    public void DelayBeforeRetry_RetryAfter_IsTakenAsGivenUpToTheLimit()
    {
        Assert.Equal(TimeSpan.FromSeconds(25), Policy.DelayBeforeRetry(1, TimeSpan.FromSeconds(25), 0.9));
        Assert.Null(Policy.DelayBeforeRetry(1, TimeSpan.FromSeconds(31), 0.9));
        Assert.Equal(TimeSpan.Zero, Policy.DelayBeforeRetry(1, TimeSpan.FromSeconds(-5), 0.9));
    }

    [Fact]
    public void DelayBeforeRetry_ManyFailures_DoesNotOverflow()
    {
        var patient = Policy with { MaxAttempts = int.MaxValue };

        Assert.Equal(TimeSpan.FromSeconds(10), patient.DelayBeforeRetry(5000, null, 1.0));
    }

    [Fact]
    public void Validate_RejectsNonsense()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => (Policy with { MaxAttempts = 0 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (Policy with { MaxDelay = TimeSpan.FromMilliseconds(1) }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (Policy with { BaseDelay = TimeSpan.FromSeconds(-1) }).Validate());
    }
}
