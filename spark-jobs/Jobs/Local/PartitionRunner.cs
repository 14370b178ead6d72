using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Progress;

namespace StockLakehouse.Jobs.Local;

/// <summary>
/// Runs one function per symbol partition on a bounded number of workers, reporting progress. Memory stays
/// bounded by the workers' partitions: nothing holds more than one symbol's history per worker.
/// </summary>
public static class PartitionRunner
{
    public static async Task<T[]> RunAsync<T>(
        string stage,
        IReadOnlyList<Symbol> symbols,
        int parallelism,
        Func<Symbol, CancellationToken, ValueTask<T>> work,
        IProgress<StageProgress>? progress,
        CancellationToken cancellationToken)
    {
        var results = new T[symbols.Count];
        var done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, symbols.Count), options, async (i, ct) =>
        {
            results[i] = await work(symbols[i], ct).ConfigureAwait(false);
            progress?.Report(new StageProgress(stage, Interlocked.Increment(ref done), symbols.Count));
        }).ConfigureAwait(false);
        return results;
    }
}
