using Microsoft.Extensions.Time.Testing;
using Serilog.Core;
using static StockLakehouse.Extractor.Tests.Fetching.ScriptedExecutor;

namespace StockLakehouse.Extractor.Tests.Fetching;

public sealed class RetryingExecutorTests
{
    private static readonly RawRequest Request = new("AAPL", new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 10));
    private static readonly HttpRequestPolicy Policy = new() { MaxAttempts = 4, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(3), MaxRetryAfter = TimeSpan.FromSeconds(30) };
    private readonly RecordingClock _clock = new(DateTimeOffset.UnixEpoch);

    private RetryingExecutor Retrying(IRequestExecutor inner, double random = 0.5) => new(inner, Policy, _clock, () => random, Logger.None, "test");

    [Fact]
    public async Task Transient_failures_are_retried_with_exponential_backoff_and_full_jitter()
    {
        var inner = new ScriptedExecutor(Verdict(RequestOutcome.ServerError), Verdict(RequestOutcome.Timeout), Verdict(RequestOutcome.NetworkError), Verdict(RequestOutcome.Ok));

        var result = await Retrying(inner).ExecuteAsync(Request, default);

        Assert.Equal(RequestOutcome.Ok, result.Verdict.Outcome);
        Assert.Equal(4, result.Attempts);
        // Half of 1 s, 2 s and 4 s capped at 3 s.
        Assert.Equal([TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5)], _clock.Waits);
    }

    [Fact]
    public void Full_jitter_stays_between_zero_and_the_exponential_ceiling()
    {
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            var ceiling = TimeSpan.FromSeconds(Math.Min(3, Math.Pow(2, attempt - 1)));
            Assert.Equal(TimeSpan.Zero, Policy.DelayBeforeRetry(attempt, null, 0));
            Assert.Equal(ceiling, Policy.DelayBeforeRetry(attempt, null, 1));
        }
    }

    [Fact]
    public async Task Retry_after_is_waited_exactly()
    {
        var inner = new ScriptedExecutor(Verdict(RequestOutcome.Throttled, TimeSpan.FromSeconds(7)), Verdict(RequestOutcome.Ok));

        var result = await Retrying(inner, random: 0.99).ExecuteAsync(Request, default);

        Assert.Equal(RequestOutcome.Ok, result.Verdict.Outcome);
        Assert.Equal([TimeSpan.FromSeconds(7)], _clock.Waits);
    }

    [Fact]
    public async Task A_retry_after_beyond_the_policy_ends_the_request_throttled_without_waiting()
    {
        var inner = new ScriptedExecutor(Verdict(RequestOutcome.Throttled, TimeSpan.FromHours(1)));

        var result = await Retrying(inner).ExecuteAsync(Request, default);

        Assert.Equal(RequestOutcome.Throttled, result.Verdict.Outcome);
        Assert.Equal(1, inner.Calls);
        Assert.Empty(_clock.Waits);
        Assert.Contains("3600 s", result.Verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attempts_are_bounded_and_the_last_verdict_is_kept()
    {
        var inner = new ScriptedExecutor(Verdict(RequestOutcome.ServerError));

        var result = await Retrying(inner).ExecuteAsync(Request, default);

        Assert.Equal(RequestOutcome.ServerError, result.Verdict.Outcome);
        Assert.Equal(4, inner.Calls);
        Assert.Equal(4, result.Attempts);
        Assert.Equal(3, _clock.Waits.Count);
    }

    [Theory]
    [InlineData(RequestOutcome.SymbolRejected)]
    [InlineData(RequestOutcome.UnexpectedContent)]
    [InlineData(RequestOutcome.DailyCapReached)]
    [InlineData(RequestOutcome.PremiumOnly)]
    [InlineData(RequestOutcome.HttpError)]
    public async Task Lasting_failures_are_not_retried(RequestOutcome outcome)
    {
        var inner = new ScriptedExecutor(Verdict(outcome));

        var result = await Retrying(inner).ExecuteAsync(Request, default);

        Assert.Equal(outcome, result.Verdict.Outcome);
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task Cancellation_while_waiting_throws()
    {
        using var cancel = new CancellationTokenSource();
        var inner = new ScriptedExecutor(Verdict(RequestOutcome.ServerError));
        // A fake clock nobody advances: the first wait lasts until the cancellation.
        var retrying = new RetryingExecutor(inner, Policy, new FakeTimeProvider(), () => 0.5, Logger.None, "test");

        var running = retrying.ExecuteAsync(Request, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(1, inner.Calls);
    }
}
