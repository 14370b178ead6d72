namespace StockLakehouse.Cloud.Tests.Support;

/// <summary>
/// A clock at a fixed instant whose timers fire at once, recording the delay each was asked for: polling
/// loops run in microseconds while the test still sees the backoff they chose.
/// </summary>
internal sealed class ImmediateClock : TimeProvider
{
    private readonly DateTimeOffset _now;
    private readonly List<TimeSpan> _delays = [];

    public ImmediateClock(DateTimeOffset? now = null)
    {
        _now = now ?? new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.Zero);
    }

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_delays)
            {
                return [.. _delays];
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_delays)
        {
            _delays.Add(dueTime);
        }

        return System.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
