using Serilog.Core;
using StockLakehouse.Cli.Locking;

namespace StockLakehouse.Cli.Tests.Locking;

/// <summary>The OS lock of a local lake within one process (two processes: <see cref="WriterLockProcessTests"/>).</summary>
public sealed class LocalLakeLockTests : IDisposable
{
    private readonly TempFolder _lake = new();

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task Acquire_WhileHeld_ThrowsNamingTheHolderAndTheLockFile()
    {
        await using var held = LocalLakeLock.Acquire(_lake.Path, new LakeWriter(4242, "host-a", "run", "run-1", DateTimeOffset.UtcNow), Logger.None);

        var refused = Assert.Throws<LakeLockedException>(() => LocalLakeLock.Acquire(_lake.Path, new LakeWriter(7, "host-b", "load", "run-2", DateTimeOffset.UtcNow), Logger.None));

        Assert.Contains("process 4242 on host-a ('lakehouse run', run run-1", refused.Message, StringComparison.Ordinal);
        Assert.Contains(LocalLakeLock.LockPath(_lake.Path), refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acquire_AfterRelease_SucceedsAndTheDescriptionIsGone()
    {
        await LocalLakeLock.Acquire(_lake.Path, new LakeWriter(4242, "host-a", "run", "run-1", DateTimeOffset.UtcNow), Logger.None).DisposeAsync();

        Assert.False(File.Exists(LocalLakeLock.DescriptionPath(_lake.Path)));
        await using var again = LocalLakeLock.Acquire(_lake.Path, new LakeWriter(7, "host-b", "load", "run-2", DateTimeOffset.UtcNow), Logger.None);
        Assert.True(File.Exists(LocalLakeLock.DescriptionPath(_lake.Path)));
    }
}
