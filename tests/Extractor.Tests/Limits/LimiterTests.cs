using StockLakehouse.Extractor.Limits;

namespace StockLakehouse.Extractor.Tests.Limits;

public sealed class LimiterTests
{
    private readonly RecordingClock _clock = new(new DateTimeOffset(2025, 1, 10, 23, 59, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_window_of_five_per_minute_lets_five_through_then_waits_for_the_oldest_to_age_out()
    {
        var limiter = new SlidingWindowLimiter(5, TimeSpan.FromMinutes(1), _clock);
        for (var i = 0; i < 5; i++)
        {
            (await limiter.AcquireAsync(default)).Dispose();
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Empty(_clock.Waits);

        (await limiter.AcquireAsync(default)).Dispose();
        (await limiter.AcquireAsync(default)).Dispose();

        // The first start was 5 s ago: 55 s until it leaves the window, then the second follows 1 s later.
        Assert.Equal([TimeSpan.FromSeconds(55), TimeSpan.FromSeconds(1)], _clock.Waits);
    }

    [Fact]
    public async Task A_fractional_rate_spaces_requests_evenly()
    {
        var limiter = SlidingWindowLimiter.PerSecond(0.5, _clock);

        for (var i = 0; i < 3; i++)
        {
            (await limiter.AcquireAsync(default)).Dispose();
        }

        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)], _clock.Waits);
    }

    [Fact]
    public async Task The_daily_budget_refuses_past_its_permits_and_renews_the_next_utc_day()
    {
        var budget = new DailyBudgetLimiter(25, "alphavantage", _clock);
        for (var i = 0; i < 25; i++)
        {
            Assert.True((await budget.AcquireAsync(default)).IsAcquired);
        }

        var refused = await budget.AcquireAsync(default);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var tomorrow = await budget.AcquireAsync(default);

        Assert.False(refused.IsAcquired);
        Assert.Contains("25", refused.Refusal, StringComparison.Ordinal);
        Assert.True(tomorrow.IsAcquired);
    }

    [Fact]
    public async Task Concurrency_holds_a_slot_until_the_lease_is_disposed()
    {
        var limiter = new ConcurrencyLimiter(1);
        var first = await limiter.AcquireAsync(default);

        var second = limiter.AcquireAsync(default).AsTask();
        await Task.Delay(20);
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second).Dispose();
    }

    [Fact]
    public async Task A_refusal_in_a_composite_releases_what_was_already_held()
    {
        var slots = new ConcurrencyLimiter(1);
        var composite = new CompositeLimiter(slots, new DailyBudgetLimiter(1, "test", _clock));
        (await composite.AcquireAsync(default)).Dispose();

        var refused = await composite.AcquireAsync(default);
        var slotFreed = await slots.AcquireAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);

        Assert.False(refused.IsAcquired);
        Assert.True(slotFreed.IsAcquired);
    }
}
