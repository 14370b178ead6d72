using Microsoft.Extensions.Time.Testing;

namespace StockLakehouse.TestSupport.Time;

/// <summary>
/// The framework's <see cref="FakeTimeProvider"/>, whose timers elapse as soon as they are set: each wait is
/// recorded in <see cref="Waits"/> and the clock moves forward by it, so code that waits on the clock (retries, rate
/// limits) runs at once and the test reads the schedule it kept.
/// </summary>
public sealed class RecordingClock : FakeTimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _waits = [];

    public RecordingClock(DateTimeOffset start)
        : base(start)
    {
    }

    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (_gate)
            {
                return [.. _waits];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_gate)
            {
                _waits.Add(dueTime);
            }

            // Task.Delay stores the timer after this returns and disposes it when it finds itself already completed.
            Advance(dueTime);
        }

        return timer;
    }
}
