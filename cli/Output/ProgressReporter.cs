using Serilog;
using StockLakehouse.Core.Progress;

namespace StockLakehouse.Cli.Output;

/// <summary>Logs a stage's progress every tenth of the way, so long stages show they are moving in any terminal or CI log.</summary>
public sealed class ProgressReporter : IProgress<StageProgress>
{
    private readonly ILogger _log;
    private int _lastDecile = -1;

    public ProgressReporter(ILogger log)
    {
        _log = log;
    }

    public void Report(StageProgress value)
    {
        if (value.Total == 0)
        {
            return;
        }

        var decile = value.Done * 10 / value.Total;
        var last = Volatile.Read(ref _lastDecile);
        if (decile > last && Interlocked.CompareExchange(ref _lastDecile, decile, last) == last)
        {
            _log.Information("{Stage}: {Done}/{Total} partitions ({Percent}%)", value.Stage, value.Done, value.Total, decile * 10);
        }
    }
}
