namespace StockLakehouse.Cli.Locking;

/// <summary>A held writer lock of one lake: released when disposed (or, locally, when the process dies).</summary>
internal interface ILakeLock : IAsyncDisposable
{
    /// <summary>Cancelled when the lock was lost while held (a lease another writer took over); never for a local lock.</summary>
    CancellationToken Lost { get; }
}
