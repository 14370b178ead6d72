using Microsoft.Extensions.Time.Testing;
using Serilog.Core;
using StockLakehouse.Extractor.Limits;
using static StockLakehouse.Extractor.Tests.Fetching.ScriptedExecutor;

namespace StockLakehouse.Extractor.Tests.Fetching;

public sealed class StoppingAndLimitingExecutorTests
{
    private static readonly RawRequest Request = new("IBM", new DateOnly(2025, 1, 2), new DateOnly(2025, 1, 10));

    [Fact]
    public async Task After_the_daily_cap_every_dataset_sharing_the_stop_is_skipped_without_a_request()
    {
        var stop = new SourceStop();
        var daily = new ScriptedExecutor(Verdict(RequestOutcome.Ok), Verdict(RequestOutcome.DailyCapReached), Verdict(RequestOutcome.Ok));
        var overview = new ScriptedExecutor(Verdict(RequestOutcome.Ok));
        var dailyStopping = new StoppingExecutor(daily, stop, Logger.None, "alphavantage");
        var overviewStopping = new StoppingExecutor(overview, stop, Logger.None, "alphavantage");

        var outcomes = new List<RequestOutcome>();
        for (var i = 0; i < 4; i++)
        {
            outcomes.Add((await dailyStopping.ExecuteAsync(Request, default)).Verdict.Outcome);
        }

        var other = await overviewStopping.ExecuteAsync(Request, default);

        Assert.Equal([RequestOutcome.Ok, RequestOutcome.DailyCapReached, RequestOutcome.Skipped, RequestOutcome.Skipped], outcomes);
        Assert.Equal(2, daily.Calls);
        Assert.Equal(RequestOutcome.Skipped, other.Verdict.Outcome);
        Assert.Equal(0, overview.Calls);
        Assert.Contains("daily_cap_reached", stop.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_used_up_budget_refuses_without_sending()
    {
        var inner = new ScriptedExecutor(Verdict(RequestOutcome.Ok));
        var limited = new RateLimitedExecutor(inner, new DailyBudgetLimiter(2, "alphavantage", new FakeTimeProvider(DateTimeOffset.UnixEpoch)));

        await limited.ExecuteAsync(Request, default);
        await limited.ExecuteAsync(Request, default);
        var third = await limited.ExecuteAsync(Request, default);

        Assert.Equal(RequestOutcome.DailyCapReached, third.Verdict.Outcome);
        Assert.Equal(0, third.Attempts);
        Assert.Equal(2, inner.Calls);
        Assert.Contains("budget of 2 alphavantage requests per day", third.Verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_attempt_slower_than_the_timeout_becomes_a_timeout_verdict()
    {
        var timeout = new TimeoutExecutor(new HangingExecutor(), TimeSpan.FromMilliseconds(50), TimeProvider.System);

        var result = await timeout.ExecuteAsync(Request, default);

        Assert.Equal(RequestOutcome.Timeout, result.Verdict.Outcome);
        Assert.True(result.Verdict.Outcome.IsRetryable());
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_mistaken_for_a_timeout()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var timeout = new TimeoutExecutor(new HangingExecutor(), TimeSpan.FromMinutes(5), TimeProvider.System);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => timeout.ExecuteAsync(Request, cancel.Token));
    }
}
