using System.Globalization;

namespace StockLakehouse.Extractor.Limits;

/// <summary>
/// At most <c>permits</c> requests per UTC day, then refusal: waiting for tomorrow is the next run's job. The
/// count lives in the process, so it protects one run; a second run on the same day is stopped by the
/// provider's own cap notice, which is classified the same way.
/// </summary>
internal sealed class DailyBudgetLimiter : IRequestLimiter
{
    private readonly int _permits;
    private readonly string _sourceName;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private DateOnly _day;
    private int _used;

    public DailyBudgetLimiter(int permits, string sourceName, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        _permits = permits;
        _sourceName = sourceName;
        _clock = clock;
    }

    public ValueTask<LimiterLease> AcquireAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
            if (today != _day)
            {
                _day = today;
                _used = 0;
            }

            if (_used >= _permits)
            {
                return ValueTask.FromResult(LimiterLease.Refused(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The budget of {_permits} {_sourceName} requests per day is used up; the source stops for this run and the next run resumes.")));
            }

            _used++;
            return ValueTask.FromResult(LimiterLease.Free);
        }
    }
}
