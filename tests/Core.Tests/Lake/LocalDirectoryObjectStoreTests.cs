using System.Text;
using StockLakehouse.Core.Lake;

namespace StockLakehouse.Core.Tests.Lake;

public sealed class LocalDirectoryObjectStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly LocalDirectoryObjectStore _store;

    public LocalDirectoryObjectStoreTests()
    {
        _store = new LocalDirectoryObjectStore(_folder.Path);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ListFoldersAsync_GivesTheFoldersDirectlyUnderThePrefixWithATokenEachAddedOrRemovedObjectChanges()
    {
        var old = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await _store.CreateAsync("raw/d/ingest_date=2025-01-02/A-1.json", "a"u8.ToArray(), default);
        await _store.CreateAsync("raw/d/ingest_date=2025-01-03/B-1.json", "b"u8.ToArray(), default);
        await _store.CreateAsync("raw/d/top.json", "t"u8.ToArray(), default);
        foreach (var folder in new[] { "ingest_date=2025-01-02", "ingest_date=2025-01-03" })
        {
            Directory.SetLastWriteTimeUtc(Path.Combine(_folder.Path, "raw", "d", folder), old);
        }

        var before = (await _store.ListFoldersAsync("raw/d/", default))!;
        await _store.ReadAsync("raw/d/ingest_date=2025-01-02/A-1.json", default);
        var afterRead = (await _store.ListFoldersAsync("raw/d/", default))!;
        await _store.CreateAsync("raw/d/ingest_date=2025-01-02/A-2.json", "a"u8.ToArray(), default);
        var afterCreate = (await _store.ListFoldersAsync("raw/d/", default))!;
        Directory.SetLastWriteTimeUtc(Path.Combine(_folder.Path, "raw", "d", "ingest_date=2025-01-02"), old);
        await _store.DeleteAsync("raw/d/ingest_date=2025-01-02/A-2.json", default);
        var afterDelete = (await _store.ListFoldersAsync("raw/d/", default))!;

        Assert.Equal(["raw/d/ingest_date=2025-01-02/", "raw/d/ingest_date=2025-01-03/"], before.Select(f => f.Prefix));
        Assert.Equal(new DateTimeOffset(old), before[0].ChangedAt);
        Assert.Equal(before, afterRead);
        Assert.NotEqual(before[0].ChangeToken, afterCreate[0].ChangeToken);
        Assert.True(afterCreate[0].ChangedAt > DateTimeOffset.UtcNow.AddMinutes(-5), $"{afterCreate[0].ChangedAt} is not the time of the create.");
        Assert.NotEqual(before[0].ChangeToken, afterDelete[0].ChangeToken);
        Assert.Equal(before[1], afterDelete[1]);
        Assert.Empty((await _store.ListFoldersAsync("raw/none/", default))!);
        await Assert.ThrowsAsync<ArgumentException>(() => _store.ListFoldersAsync("raw/d", default));
    }

    [Fact]
    public async Task CreateAsync_NewKey_WritesTheBytes()
    {
        Assert.True(await _store.CreateAsync("raw/a/b.json", "first"u8.ToArray(), default));

        Assert.Equal("first", Encoding.UTF8.GetString((await _store.ReadAsync("raw/a/b.json", default))!));
    }

    [Fact]
    public async Task CreateAsync_ExistingKey_ReturnsFalseAndNeverOverwrites()
    {
        await _store.CreateAsync("raw/a/b.json", "first"u8.ToArray(), default);

        Assert.False(await _store.CreateAsync("raw/a/b.json", "second"u8.ToArray(), default));
        Assert.Equal("first", Encoding.UTF8.GetString((await _store.ReadAsync("raw/a/b.json", default))!));
    }

    [Fact]
    public async Task CreateInOrderAsync_CancelledBeforeStaging_LeavesNoObjectAndNoStagingFile()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _store.CreateInOrderAsync([new("_state/m.json", "m"u8.ToArray()), new("raw/b.json", "b"u8.ToArray())], cancelled.Token));

        Assert.Empty(Directory.EnumerateFiles(_folder.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task CreateInOrderAsync_CancelledOnceStagedBeforePublishing_LeavesNoObjectAndNoStagingFile()
    {
        using var stop = new CancellationTokenSource();
        var staged = 0;
        _store.AfterStaging = objects =>
        {
            staged = Directory.EnumerateFiles(Path.Combine(_folder.Path, ".staging-files")).Count();
            return stop.CancelAsync();
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _store.CreateInOrderAsync([new("_state/m.json", "m"u8.ToArray()), new("raw/b.json", "b"u8.ToArray())], stop.Token));

        Assert.Equal(2, staged);
        Assert.Empty(Directory.EnumerateFiles(_folder.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task CreateInOrderAsync_ALaterObjectCannotBeLinked_LeavesOnlyTheOnesBeforeItAndNoStagingFile()
    {
        // A file where the second object's folder would be: staging succeeds, its link fails.
        await _store.CreateAsync("raw/blocked", "a file"u8.ToArray(), default);

        await Assert.ThrowsAnyAsync<IOException>(() => _store.CreateInOrderAsync(
            [new("_state/m.json", "m"u8.ToArray()), new("raw/blocked/b.json", "b"u8.ToArray()), new("raw/c.json", "c"u8.ToArray())],
            default));

        Assert.True(await _store.ExistsAsync("_state/m.json", default));
        Assert.False(await _store.ExistsAsync("raw/c.json", default));
        Assert.DoesNotContain(Directory.EnumerateFiles(_folder.Path, ".staging-*", SearchOption.AllDirectories), f => !f.Contains("locks", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateAsync_AfterItsFolderWasRemoved_MakesTheFolderAgain()
    {
        Assert.True(await _store.CreateAsync("raw/gone/a.json", "a"u8.ToArray(), default));
        Directory.Delete(Path.Combine(_folder.Path, "raw", "gone"), recursive: true);

        Assert.True(await _store.CreateAsync("raw/gone/b.json", "b"u8.ToArray(), default));
        Assert.Equal("b", Encoding.UTF8.GetString((await _store.ReadAsync("raw/gone/b.json", default))!));
    }

    [Fact]
    public async Task CreateAsync_ManyConcurrentWritersOfOneKey_ExactlyOneWins()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => _store.CreateAsync("raw/race.json", Encoding.UTF8.GetBytes($"writer {i}"), default))));

        Assert.Single(results, r => r);
        var listed = await ToListAsync(_store.ListAsync("raw/", default));
        Assert.Equal(["raw/race.json"], listed.Select(o => o.Key));
    }

    [Fact]
    public void CreateAsync_FourWritersOnFourThreadsHammeringTheSameKeys_ExactlyOneWinsEachAndItsBytesStand()
    {
        // Four stores on one folder, as four processes would open it; each key is raced with both writers released
        // together, so both pass the cheap existence check and meet at the rename. A check-then-rename lets both win.
        const int keys = 2000;
        var writers = Enumerable.Range(0, 4).Select(_ => new LocalDirectoryObjectStore(_folder.Path)).ToArray();
        var won = new bool[writers.Length, keys];
        using var start = new Barrier(writers.Length);
        var threads = Enumerable.Range(0, writers.Length).Select(w => new Thread(() =>
        {
            for (var k = 0; k < keys; k++)
            {
                start.SignalAndWait();
                won[w, k] = writers[w].CreateAsync($"raw/race/{k}.json", Encoding.UTF8.GetBytes($"writer {w}"), default).GetAwaiter().GetResult();
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        for (var k = 0; k < keys; k++)
        {
            var winners = Enumerable.Range(0, writers.Length).Where(w => won[w, k]).ToArray();
            Assert.True(winners.Length == 1, $"Key {k} was created by {winners.Length} writers.");
            Assert.Equal($"writer {winners[0]}", File.ReadAllText(Path.Combine(_folder.Path, "raw", "race", $"{k}.json")));
        }

        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_folder.Path, "raw", "race"), ObjectKey.StagingPrefix + "*"));
    }

    [Fact]
    public async Task PutAsync_ExistingKey_ReplacesIt()
    {
        await _store.PutAsync("_runs/r/manifest.json", "one"u8.ToArray(), default);
        await _store.PutAsync("_runs/r/manifest.json", "two"u8.ToArray(), default);

        Assert.Equal("two", Encoding.UTF8.GetString((await _store.ReadAsync("_runs/r/manifest.json", default))!));
    }

    [Fact]
    public async Task ListAsync_Prefix_ReturnsMatchingKeysInOrdinalOrderWithoutStagingFiles()
    {
        await _store.CreateAsync("raw/b.json", new byte[] { 1 }, default);
        await _store.CreateAsync("raw/a.json", new byte[] { 1 }, default);
        await _store.CreateAsync("rawx/c.json", new byte[] { 1 }, default);
        await File.WriteAllBytesAsync(_store.StagingPath("raw/d.json"), [1]);

        var keys = (await ToListAsync(_store.ListAsync("raw/", default))).Select(o => o.Key);

        Assert.Equal(["raw/a.json", "raw/b.json"], keys);
    }

    [Fact]
    public async Task ReadAsync_MissingKey_ReturnsNull() =>
        Assert.Null(await _store.ReadAsync("raw/none.json", default));

    [Theory]
    [InlineData("../escape.json")]
    [InlineData("/absolute.json")]
    [InlineData("raw//double.json")]
    [InlineData("raw/./dot.json")]
    [InlineData("raw/.staging-x.json")]
    [InlineData("raw\\windows.json")]
    public async Task CreateAsync_KeyOutsideTheLakeOrReserved_IsRefused(string key) =>
        await Assert.ThrowsAsync<ArgumentException>(() => _store.CreateAsync(key, new byte[] { 1 }, default));

    [Fact]
    public void StagingPath_IsOutsideTheObjectsFolderSoAReadersGlobNeverMeetsIt()
    {
        var staged = _store.StagingPath("silver/daily_bar/symbol=AAPL/part-0.parquet");

        Assert.NotEqual(Path.GetDirectoryName(_store.LocalPath("silver/daily_bar/symbol=AAPL/part-0.parquet")), Path.GetDirectoryName(staged));
        Assert.DoesNotContain("silver", Path.GetRelativePath(_store.Location, staged), StringComparison.Ordinal);
        Assert.StartsWith(_store.Location, staged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SweepStagingFiles_ZeroAge_RemovesEveryLeftoverIncludingOnesInObjectFolders()
    {
        var staged = _store.StagingPath("gold/t/part-0.parquet");
        await File.WriteAllBytesAsync(staged, [1]);
        // Where earlier versions staged: beside the object.
        var beside = Path.Combine(Directory.CreateDirectory(Path.Combine(_store.Location, "gold", "t")).FullName, ObjectKey.StagingPrefix + "0a-part-0.parquet");
        await File.WriteAllBytesAsync(beside, [1]);

        Assert.Equal(2, _store.SweepStagingFiles(TimeSpan.Zero, DateTimeOffset.UtcNow.AddSeconds(1)));
        Assert.False(File.Exists(staged));
        Assert.False(File.Exists(beside));
    }

    [Fact]
    public async Task SweepStagingFiles_OldLeftovers_AreRemovedAndRecentOnesKept()
    {
        var old = _store.StagingPath("gold/t/part-0.parquet");
        await File.WriteAllBytesAsync(old, [1]);
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-1));
        var recent = _store.StagingPath("gold/t/part-0.parquet");
        await File.WriteAllBytesAsync(recent, [1]);

        var removed = _store.SweepStagingFiles(TimeSpan.FromMinutes(10), DateTimeOffset.UtcNow);

        Assert.Equal(1, removed);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));
    }

    [Fact]
    public async Task ReplaceAsync_LeavesTheObjectAndOneUnlistedLockFileInTheLake()
    {
        await _store.PutAsync("_state/watermarks/a.json", "one"u8.ToArray(), default);
        var read = await _store.ReadVersionedAsync("_state/watermarks/a.json", default);

        Assert.True(await _store.ReplaceAsync("_state/watermarks/a.json", "two"u8.ToArray(), read!.Version, default));

        var files = Directory.EnumerateFiles(_folder.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        Assert.Equal([_store.LockPathOf("_state/watermarks/a.json"), Path.Combine(_folder.Path, "_state", "watermarks", "a.json")], files);
        Assert.StartsWith(Path.Combine(_folder.Path, ".staging-locks") + Path.DirectorySeparatorChar, _store.LockPathOf("_state/watermarks/a.json"), StringComparison.Ordinal);
        Assert.Equal(["_state/watermarks/a.json"], (await ToListAsync(_store.ListAsync("", default))).Select(o => o.Key));
    }

    [Fact]
    public async Task PutAsync_TakesNoLock()
    {
        await _store.PutAsync("_runs/r/manifest.json", "one"u8.ToArray(), default);
        await _store.PutAsync("_runs/r/manifest.json", "two"u8.ToArray(), default);

        Assert.Equal([Path.Combine(_folder.Path, "_runs", "r", "manifest.json")], Directory.EnumerateFiles(_folder.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ReplaceAsync_ManyKeys_ShareABoundedNumberOfLockFiles()
    {
        foreach (var i in Enumerable.Range(0, 300))
        {
            var key = $"_state/watermarks/s{i}.json";
            await _store.PutAsync(key, "one"u8.ToArray(), default);
            var read = await _store.ReadVersionedAsync(key, default);
            Assert.True(await _store.ReplaceAsync(key, "two"u8.ToArray(), read!.Version, default));
        }

        var locks = Directory.GetFiles(Path.Combine(_folder.Path, ".staging-locks"));
        Assert.InRange(locks.Length, 2, LocalDirectoryObjectStore.LockStripes);
    }

    [Fact]
    public async Task ReplaceAsync_StaleVersion_IsRefusedAndLeavesNoStagedFile()
    {
        await _store.PutAsync("_state/watermarks/a.json", "one"u8.ToArray(), default);
        var read = await _store.ReadVersionedAsync("_state/watermarks/a.json", default);
        await _store.PutAsync("_state/watermarks/a.json", "other"u8.ToArray(), default);

        Assert.False(await _store.ReplaceAsync("_state/watermarks/a.json", "two"u8.ToArray(), read!.Version, default));

        Assert.Equal("other", Encoding.UTF8.GetString((await _store.ReadAsync("_state/watermarks/a.json", default))!));
        Assert.Empty(StagedFiles());
    }

    [Fact]
    public async Task ReplaceAsync_MissingKey_IsRefusedAndLeavesNoStagedFile()
    {
        Assert.False(await _store.ReplaceAsync("_state/watermarks/none.json", "two"u8.ToArray(), new string('0', 64), default));

        Assert.False(await _store.ExistsAsync("_state/watermarks/none.json", default));
        Assert.Empty(StagedFiles());
    }

    [Fact]
    public async Task ReplaceAsync_CancelledWhileWaitingForTheLock_LeavesNoStagedFile()
    {
        await _store.PutAsync("_state/watermarks/a.json", "one"u8.ToArray(), default);
        var read = await _store.ReadVersionedAsync("_state/watermarks/a.json", default);
        await using var held = HoldLock("_state/watermarks/a.json");
        using var cancel = new CancellationTokenSource();

        var replace = _store.ReplaceAsync("_state/watermarks/a.json", "two"u8.ToArray(), read!.Version, cancel.Token);
        await Task.Delay(50);
        Assert.Single(StagedFiles());
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => replace);
        Assert.Empty(StagedFiles());
        Assert.Equal("one", Encoding.UTF8.GetString((await _store.ReadAsync("_state/watermarks/a.json", default))!));
    }

    [Fact]
    public async Task ReplaceAsync_WhileAnotherWriterHoldsTheLock_WaitsForIt()
    {
        await _store.PutAsync("_state/watermarks/a.json", "one"u8.ToArray(), default);
        var read = await _store.ReadVersionedAsync("_state/watermarks/a.json", default);
        var held = HoldLock("_state/watermarks/a.json");

        var replace = _store.ReplaceAsync("_state/watermarks/a.json", "two"u8.ToArray(), read!.Version, default);
        await Task.Delay(100);
        Assert.False(replace.IsCompleted);
        Assert.Equal("one", Encoding.UTF8.GetString((await _store.ReadAsync("_state/watermarks/a.json", default))!));
        await held.DisposeAsync();

        Assert.True(await replace);
        Assert.Equal("two", Encoding.UTF8.GetString((await _store.ReadAsync("_state/watermarks/a.json", default))!));
    }

    [Fact]
    public async Task SweepStagingFiles_KeepsLockFiles()
    {
        await _store.PutAsync("_state/watermarks/a.json", "one"u8.ToArray(), default);
        var read = await _store.ReadVersionedAsync("_state/watermarks/a.json", default);
        await _store.ReplaceAsync("_state/watermarks/a.json", "two"u8.ToArray(), read!.Version, default);
        var lockFile = _store.LockPathOf("_state/watermarks/a.json");
        File.SetLastWriteTimeUtc(lockFile, DateTime.UtcNow.AddHours(-1));

        Assert.Equal(0, _store.SweepStagingFiles(TimeSpan.FromMinutes(10), DateTimeOffset.UtcNow));

        Assert.True(File.Exists(lockFile));
    }

    [Fact]
    public async Task PublishFileAsync_FileFromElsewhere_IsRefusedAsNotAtomic()
    {
        var elsewhere = Path.Combine(_folder.Path, "elsewhere.parquet");
        await File.WriteAllBytesAsync(elsewhere, [1]);

        await Assert.ThrowsAsync<ArgumentException>(() => _store.PublishFileAsync("gold/t/part-0.parquet", elsewhere, default));

        Assert.False(await _store.ExistsAsync("gold/t/part-0.parquet", default));
    }

    [Fact]
    public async Task PublishFilesThenPutAsync_ThenFails_RenamesNothingAndLeavesTheStagedFileToTheCaller()
    {
        await _store.PutAsync("gold/t/part-0.parquet", "old"u8.ToArray(), default);
        var staged = _store.StagingPath("gold/t/part-0.parquet");
        await File.WriteAllTextAsync(staged, "new");

        // Everything is prepared before anything is renamed: a failure there leaves the old partition and no state.
        await Assert.ThrowsAsync<ArgumentException>(() => _store.PublishFilesThenPutAsync(
            [new("gold/t/part-0.parquet", staged)],
            _ => [new("_state/ok.json", "state"u8.ToArray()), new("../outside.json", "state"u8.ToArray())],
            default));

        Assert.Equal("old", Encoding.UTF8.GetString((await _store.ReadAsync("gold/t/part-0.parquet", default))!));
        Assert.False(await _store.ExistsAsync("_state/ok.json", default));
        Assert.True(File.Exists(staged));
        Assert.Equal([staged], Directory.EnumerateFiles(Path.Combine(_folder.Path, ".staging-files")));
        File.Delete(staged);
    }

    [Fact]
    public async Task PublishFilesThenPutAsync_NewFolders_AreMadeForTheFilesAndTheObjects()
    {
        var staged = _store.StagingPath("gold/new/symbol=A/part-0.parquet");
        await File.WriteAllTextAsync(staged, "partition");

        var published = await _store.PublishFilesThenPutAsync(
            [new("gold/new/symbol=A/part-0.parquet", staged)],
            listed => [new("_state/gold/new/A.json", Encoding.UTF8.GetBytes(listed[0].Fingerprint!))],
            default);

        var info = new FileInfo(Path.Combine(_folder.Path, "gold", "new", "symbol=A", "part-0.parquet"));
        Assert.Equal("modified:" + info.LastWriteTimeUtc.Ticks, Assert.Single(published).Fingerprint);
        Assert.Equal(published[0].Fingerprint, Encoding.UTF8.GetString((await _store.ReadAsync("_state/gold/new/A.json", default))!));
    }

    private FileStream HoldLock(string key)
    {
        var lockFile = _store.LockPathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(lockFile)!);
        return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
    }

    private IEnumerable<string> StagedFiles() =>
        Directory.EnumerateFiles(_folder.Path, ".staging-*", SearchOption.AllDirectories).Where(f => !f.Contains(".staging-locks", StringComparison.Ordinal));

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
