using Serilog;
using StockLakehouse.Cloud.Gcs;

namespace StockLakehouse.Cli.Locking;

/// <summary>Takes the writer lock of a lake by its location: an OS lock for a local folder, a leased lock object for gs://.</summary>
internal static class LakeLocks
{
    /// <summary>Takes the lock at once or throws <see cref="LakeLockedException"/> naming the holder.</summary>
    public static async Task<ILakeLock> AcquireAsync(string lake, LakeWriter writer, TimeProvider clock, ILogger log, CancellationToken cancellationToken) =>
        LakeStores.IsGcs(lake)
            ? await ObjectStoreLakeLock.AcquireAsync(LakeStores.Open(lake, log), writer, clock, log, cancellationToken).ConfigureAwait(false)
            : LocalLakeLock.Acquire(LakeStores.LocalFolder(lake), writer, log);
}
