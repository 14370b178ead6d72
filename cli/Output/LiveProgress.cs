using Spectre.Console;
using StockLakehouse.Core.Progress;

namespace StockLakehouse.Cli.Output;

/// <summary>A progress bar per stage in an interactive terminal.</summary>
public sealed class LiveProgress : IProgress<StageProgress>
{
    private readonly ProgressContext _context;
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public LiveProgress(ProgressContext context)
    {
        _context = context;
    }

    public void Report(StageProgress value)
    {
        lock (_gate)
        {
            if (!_tasks.TryGetValue(value.Stage, out var task))
            {
                task = _tasks[value.Stage] = _context.AddTask(value.Stage, maxValue: Math.Max(1, value.Total));
            }

            task.Value = value.Done;
        }
    }
}
