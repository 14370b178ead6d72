namespace StockLakehouse.Extractor.Tests.Support;

/// <summary>
/// A clock that runs <c>factor</c> times faster than real time from a fixed origin, timers included: with a
/// factor of 10 a 10 s request timeout fires after 1 s and a 2 s Retry-After is waited in 0.2 s. The code under
/// test sees consistent time, so end-to-end tests exercise the real waits without sleeping long.
/// </summary>
internal sealed class AcceleratedTimeProvider : TimeProvider
{
    private readonly double _factor;
    private readonly DateTimeOffset _origin;
    private readonly long _start = System.GetTimestamp();

    public AcceleratedTimeProvider(double factor, DateTimeOffset origin)
    {
        _factor = factor;
        _origin = origin;
    }

    public override DateTimeOffset GetUtcNow() => _origin + TimeSpan.FromTicks((long)(System.GetElapsedTime(_start).Ticks * _factor));

    public override long GetTimestamp() => _start + (long)((System.GetTimestamp() - _start) * _factor);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, Scale(dueTime), Scale(period)), this);

    internal TimeSpan Scale(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan ? span : TimeSpan.FromTicks((long)(span.Ticks / _factor));
}
