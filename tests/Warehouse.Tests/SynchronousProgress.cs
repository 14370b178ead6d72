using StockLakehouse.Core.Progress;

namespace StockLakehouse.Warehouse.Tests;

/// <summary>Reports progress on the caller's thread, at once (<see cref="Progress{T}"/> posts to the thread pool), so a test sees every report in order.</summary>
internal sealed class SynchronousProgress(Action<StageProgress> report) : IProgress<StageProgress>
{
    public void Report(StageProgress value) => report(value);
}
