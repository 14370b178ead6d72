namespace StockLakehouse.Extractor.Tests.Support;

/// <summary>A system timer whose due times and periods are scaled by an <see cref="AcceleratedTimeProvider"/>.</summary>
internal sealed class ScaledTimer : ITimer
{
    private readonly ITimer _inner;
    private readonly AcceleratedTimeProvider _clock;

    public ScaledTimer(ITimer inner, AcceleratedTimeProvider clock)
    {
        _inner = inner;
        _clock = clock;
    }

    public bool Change(TimeSpan dueTime, TimeSpan period) => _inner.Change(_clock.Scale(dueTime), _clock.Scale(period));

    public void Dispose() => _inner.Dispose();

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
