using StockLakehouse.Extractor.Fetching;

namespace StockLakehouse.Extractor.Tests.Support;

/// <summary>A clock that moves only when told; its <see cref="Pause"/> records each wait and advances the clock instead of sleeping.</summary>
internal sealed class ManualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _pauses = [];
    private DateTimeOffset _now;

    public ManualClock(DateTimeOffset start)
    {
        _now = start;
    }

    public IReadOnlyList<TimeSpan> Pauses
    {
        get
        {
            lock (_gate)
            {
                return [.. _pauses];
            }
        }
    }

    public Pause Pause => (delay, cancellationToken) =>
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _pauses.Add(delay);
            _now += delay;
        }

        return Task.CompletedTask;
    };

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}
