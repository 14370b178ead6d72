using Microsoft.Extensions.Time.Testing;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using StockLakehouse.Cli.Locking;

namespace StockLakehouse.Cli.Tests.Locking;

/// <summary>
/// The leased lock object of a bucket lake, through the object-store contract only (create-only and
/// replace-at-version, which GCS gives with generation preconditions): a live lease refuses, naming its holder; an
/// expired one is taken over and the takeover said; a released one is taken quietly; a holder whose renewal finds the
/// lock taken over stops its run and leaves the new holder's lease standing.
/// </summary>
public sealed class ObjectStoreLakeLockTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly LocalDirectoryObjectStore _store;
    private readonly List<LogEvent> _events = [];
    private readonly Logger _log;

    public ObjectStoreLakeLockTests()
    {
        _store = new LocalDirectoryObjectStore(_folder.Path);
        _log = new LoggerConfiguration().WriteTo.Sink(new ListSink(_events)).CreateLogger();
    }

    public void Dispose()
    {
        _log.Dispose();
        _folder.Dispose();
    }

    private static LakeWriter Writer(int pid) => new(pid, "host-a", "extract", $"run-{pid}", DateTimeOffset.UtcNow);

    [Fact]
    public async Task AcquireAsync_WhileAnotherHoldsALiveLease_ThrowsNamingTheHolder()
    {
        await using var first = await ObjectStoreLakeLock.AcquireAsync(_store, Writer(101), TimeProvider.System, _log, default);

        var refused = await Assert.ThrowsAsync<LakeLockedException>(() => ObjectStoreLakeLock.AcquireAsync(_store, Writer(202), TimeProvider.System, _log, default));

        Assert.Contains("process 101 on host-a ('lakehouse extract', run run-101", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcquireAsync_AfterTheHolderReleased_TakesTheLockWithoutATakeover()
    {
        await (await ObjectStoreLakeLock.AcquireAsync(_store, Writer(101), TimeProvider.System, _log, default)).DisposeAsync();

        await using var second = await ObjectStoreLakeLock.AcquireAsync(_store, Writer(202), TimeProvider.System, _log, default);

        Assert.DoesNotContain(_events, e => e.Level == LogEventLevel.Warning);
        var lease = LakeLease.Parse((await _store.ReadAsync(ObjectStoreLakeLock.Key, default))!);
        Assert.Equal(202, lease!.Writer.Pid);
    }

    [Fact]
    public async Task AcquireAsync_LeaseExpiredWithoutRelease_TakesItOverAndSaysSo()
    {
        // A holder that died: its lease was never renewed nor released.
        var dead = new LakeLease(Writer(101), "token", DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1), Released: false);
        Assert.True(await _store.CreateAsync(ObjectStoreLakeLock.Key, dead.ToJson(), default));

        await using var taken = await ObjectStoreLakeLock.AcquireAsync(_store, Writer(202), TimeProvider.System, _log, default);

        var warning = Assert.Single(_events, e => e.Level == LogEventLevel.Warning);
        Assert.Contains("process 101", warning.RenderMessage(), StringComparison.Ordinal);
        Assert.Equal(202, LakeLease.Parse((await _store.ReadAsync(ObjectStoreLakeLock.Key, default))!)!.Writer.Pid);
    }

    [Fact]
    public async Task DisposeAsync_WritesAReleasedLease()
    {
        await (await ObjectStoreLakeLock.AcquireAsync(_store, Writer(101), TimeProvider.System, _log, default)).DisposeAsync();

        var lease = LakeLease.Parse((await _store.ReadAsync(ObjectStoreLakeLock.Key, default))!);

        Assert.True(lease!.Released);
    }

    [Fact]
    public async Task Renewal_FindingTheLockTakenOver_CancelsLostAndLeavesTheNewHoldersLease()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var held = await ObjectStoreLakeLock.AcquireAsync(_store, Writer(101), clock, _log, default);
        // Another writer took the lock over (as it would once this holder's lease had expired unrenewed).
        var current = await _store.ReadVersionedAsync(ObjectStoreLakeLock.Key, default);
        var other = new LakeLease(Writer(202), "other", clock.GetUtcNow() + ObjectStoreLakeLock.Lease, Released: false);
        Assert.True(await _store.ReplaceAsync(ObjectStoreLakeLock.Key, other.ToJson(), current!.Version, default));
        Assert.False(held.Lost.IsCancellationRequested);

        clock.Advance(ObjectStoreLakeLock.Lease / 3);
        var lost = new TaskCompletionSource();
        await using (held.Lost.Register(lost.SetResult))
        {
            await lost.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        await held.DisposeAsync();

        Assert.Contains(_events, e => e.Level == LogEventLevel.Error && e.RenderMessage().Contains("Lost the writer lock", StringComparison.Ordinal));
        var lease = LakeLease.Parse((await _store.ReadAsync(ObjectStoreLakeLock.Key, default))!);
        Assert.Equal(202, lease!.Writer.Pid);
        Assert.False(lease.Released);
    }

    [Fact]
    public async Task Renewal_WhileStillHeld_ExtendsTheLeaseWithoutCancellingLost()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var held = await ObjectStoreLakeLock.AcquireAsync(_store, Writer(101), clock, _log, default);
        var first = LakeLease.Parse((await _store.ReadAsync(ObjectStoreLakeLock.Key, default))!)!.ExpiresAt;

        clock.Advance(ObjectStoreLakeLock.Lease / 3);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (LakeLease.Parse((await _store.ReadAsync(ObjectStoreLakeLock.Key, default))!)!.ExpiresAt == first)
        {
            Assert.True(DateTime.UtcNow < deadline, "The holder did not renew its lease after a third of it had passed.");
            await Task.Delay(20);
        }

        Assert.False(held.Lost.IsCancellationRequested);
        Assert.Equal(first + (ObjectStoreLakeLock.Lease / 3), LakeLease.Parse((await _store.ReadAsync(ObjectStoreLakeLock.Key, default))!)!.ExpiresAt);
    }

    private sealed class ListSink(List<LogEvent> events) : ILogEventSink
    {
        public void Emit(LogEvent logEvent)
        {
            lock (events)
            {
                events.Add(logEvent);
            }
        }
    }
}
