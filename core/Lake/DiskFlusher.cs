using System.Collections.Concurrent;

namespace StockLakehouse.Core.Lake;

/// <summary>
/// Runs fsync on a few dedicated threads. .NET has no asynchronous fsync, and one blocks for about a millisecond on
/// a small new file; on a thread-pool thread it would hold the thread, so a writer with several files to make
/// durable would flush them one after another. Here a writer queues each file's flush and awaits it: the flushes of
/// many files wait on the disk together, and no pool thread waits.
/// </summary>
internal static class DiskFlusher
{
    /// <summary>How many flushes may wait on the disk at once.</summary>
    public const int Threads = 8;

    private static readonly BlockingCollection<(FileStream File, TaskCompletionSource Done)> _queue = [];
    private static int _started;

    /// <summary>Completes once <paramref name="file"/>'s written bytes are on disk; faults with the flush's error.</summary>
    public static Task FlushAsync(FileStream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            for (var i = 0; i < Threads; i++)
            {
                new Thread(Run) { IsBackground = true, Name = "lake fsync " + i }.Start();
            }
        }

        // Continuations run on the pool, never on a flusher thread, which goes straight back to the queue.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((file, done));
        return done.Task;
    }

    private static void Run()
    {
        foreach (var (file, done) in _queue.GetConsumingEnumerable())
        {
            try
            {
                file.Flush(flushToDisk: true);
                done.SetResult();
            }
            catch (Exception e)
            {
                // The thread is a boundary: every failure belongs to the writer awaiting this flush, which would
                // otherwise wait forever.
                done.SetException(e);
            }
        }
    }
}
