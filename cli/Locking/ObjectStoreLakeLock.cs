using Serilog;
using StockLakehouse.Core.Lake;

namespace StockLakehouse.Cli.Locking;

/// <summary>
/// The writer lock of a lake in an object store (a gs:// bucket), where no process-bound lock exists: a lock object,
/// <see cref="Key"/>, holding a <see cref="LakeLease"/>. It is created only if absent (<see cref="IObjectStore.CreateAsync"/>,
/// on GCS <c>ifGenerationMatch=0</c>) and otherwise changed only at the generation it was read at
/// (<see cref="IObjectStore.ReplaceAsync"/>), so of two writers racing for it exactly one wins. The holder renews the
/// lease every third of <see cref="Lease"/>; a holder that dies stops renewing, and once its lease has expired the
/// next writer takes the lock over and says so. A holder that finds its lease taken (it could not renew in time)
/// cancels <see cref="Lost"/> so that its run stops.
/// </summary>
internal sealed class ObjectStoreLakeLock : ILakeLock
{
    /// <summary>The lock object's key.</summary>
    public const string Key = "_state/writer.lock";

    /// <summary>How long a lease lasts without renewal.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private readonly IObjectStore _store;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly LakeLease _lease;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private string _version;
    private Task _renewal = Task.CompletedTask;

    private ObjectStoreLakeLock(IObjectStore store, TimeProvider clock, ILogger log, LakeLease lease, string version)
    {
        _store = store;
        _clock = clock;
        _log = log;
        _lease = lease;
        _version = version;
    }

    public CancellationToken Lost => _lost.Token;

    /// <summary>Takes the lock at once or throws <see cref="LakeLockedException"/> naming the holder of a live lease.</summary>
    public static async Task<ObjectStoreLakeLock> AcquireAsync(IObjectStore store, LakeWriter writer, TimeProvider clock, ILogger log, CancellationToken cancellationToken)
    {
        var lease = new LakeLease(writer, Guid.NewGuid().ToString("N"), clock.GetUtcNow() + Lease, Released: false);
        // A few rounds at most: each lost round means another writer changed the object in between.
        for (var round = 0; round < 5; round++)
        {
            if (await store.CreateAsync(Key, lease.ToJson(), cancellationToken).ConfigureAwait(false))
            {
                return await HeldAsync(store, clock, log, lease, cancellationToken).ConfigureAwait(false);
            }

            var current = await store.ReadVersionedAsync(Key, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                continue;
            }

            var held = LakeLease.Parse(current.Content);
            if (held is not null && !held.IsFree(clock.GetUtcNow()))
            {
                throw new LakeLockedException(
                    $"The lake '{store.Location}' is being written by {held.Writer} until at least {held.ExpiresAt:yyyy-MM-dd HH:mm:ss} UTC; "
                    + $"one process writes a lake at a time, so wait for it to finish (its lock is '{Key}').");
            }

            if (await store.ReplaceAsync(Key, lease.ToJson(), current.Version, cancellationToken).ConfigureAwait(false))
            {
                if (held is { Released: false })
                {
                    log.Warning("Took over the writer lock of lake {Lake} from {Holder}, whose lease expired at {ExpiresAt} without being renewed", store.Location, held.Writer.ToString(), held.ExpiresAt);
                }

                return await HeldAsync(store, clock, log, lease, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new LakeLockedException($"The writer lock '{Key}' of the lake '{store.Location}' kept changing while this run tried to take it; another writer is starting.");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewal.ConfigureAwait(false);
        if (!_lost.IsCancellationRequested)
        {
            var released = _lease with { ExpiresAt = _clock.GetUtcNow(), Released = true };
            if (!await _store.ReplaceAsync(Key, released.ToJson(), _version, CancellationToken.None).ConfigureAwait(false))
            {
                _log.Warning("The writer lock of lake {Lake} had been taken over before this run released it", _store.Location);
            }
        }

        _stop.Dispose();
        _lost.Dispose();
    }

    private static async Task<ObjectStoreLakeLock> HeldAsync(IObjectStore store, TimeProvider clock, ILogger log, LakeLease lease, CancellationToken cancellationToken)
    {
        var version = await OwnVersionAsync(store, lease, cancellationToken).ConfigureAwait(false)
            ?? throw new LakeLockedException($"The writer lock '{Key}' of the lake '{store.Location}' was taken by another writer just after this run wrote it.");
        var held = new ObjectStoreLakeLock(store, clock, log, lease, version);
        held._renewal = held.RenewAsync();
        return held;
    }

    /// <summary>The version of the lock object while it still holds <paramref name="lease"/> (its token), else null.</summary>
    private static async Task<string?> OwnVersionAsync(IObjectStore store, LakeLease lease, CancellationToken cancellationToken)
    {
        var current = await store.ReadVersionedAsync(Key, cancellationToken).ConfigureAwait(false);
        return current is not null && LakeLease.Parse(current.Content)?.Token == lease.Token ? current.Version : null;
    }

    private async Task RenewAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(Lease / 3, _clock, _stop.Token).ConfigureAwait(false);
                var renewed = _lease with { ExpiresAt = _clock.GetUtcNow() + Lease };
                var version = await _store.ReplaceAsync(Key, renewed.ToJson(), _version, _stop.Token).ConfigureAwait(false)
                    ? await OwnVersionAsync(_store, _lease, _stop.Token).ConfigureAwait(false)
                    : null;
                if (version is null)
                {
                    _log.Error("Lost the writer lock of lake {Lake}: another writer took it over; stopping this run", _store.Location);
                    await _lost.CancelAsync().ConfigureAwait(false);
                    return;
                }

                _version = version;
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Released.
        }
        catch (Exception e) when (e is IOException or HttpRequestException or Google.GoogleApiException)
        {
            // A renewal that cannot reach the store leaves the lease to expire; the run must not outlive it unseen.
            _log.Error(e, "Could not renew the writer lock of lake {Lake}; stopping this run", _store.Location);
            await _lost.CancelAsync().ConfigureAwait(false);
        }
    }
}
