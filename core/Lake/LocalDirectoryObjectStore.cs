using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace StockLakehouse.Core.Lake;

/// <summary>
/// The object store as a local directory. Writes go to a staging file in the lake's own <c>.staging-files</c> folder
/// (the same file system as every object, so the rename is atomic, and outside every partition folder, so a reader's
/// glob such as <c>silver/daily_bar/*/*.parquet</c> never meets a half-written or abandoned file), flushed to disk,
/// and are renamed into place, so an object appears whole or not at all even if the process dies mid-write;
/// create-only writes use an atomic no-replace primitive (<see cref="NoReplaceRename"/>), so two writers cannot both create a key.
/// <para>
/// Versions are SHA-256 hashes of the content. A conditional replace compares and renames while holding an exclusive
/// OS lock (so it holds across processes) on one of <see cref="LockStripes"/> lock files, chosen by a hash of the key,
/// in the lake's own <c>.staging-locks</c> folder: per lake, bounded in number, never listed (no key can name a
/// <c>.staging-</c> segment) and outside every reader's glob. Only replaces lock: a key written with
/// <see cref="ReplaceAsync"/> is never written with <see cref="PutAsync"/> (see <see cref="IObjectStore"/>).
/// </para>
/// </summary>
public sealed class LocalDirectoryObjectStore : IObjectStore
{
    /// <summary>How many lock files a lake has at most; keys that share one only wait for each other.</summary>
    public const int LockStripes = 64;

    private const string LockFolderName = ObjectKey.StagingPrefix + "locks";
    private const string StagingFolderName = ObjectKey.StagingPrefix + "files";
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    private readonly string _root;
    private readonly string _lockFolder;
    private readonly string _stagingFolder;
    private volatile bool _stagingFolderMade;

    public LocalDirectoryObjectStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.GetFullPath(root);
        _lockFolder = Path.Combine(_root, LockFolderName);
        _stagingFolder = Path.Combine(_root, StagingFolderName);
        Directory.CreateDirectory(_root);
    }

    public string Location => _root;

    /// <summary>
    /// Tests only: awaited by <see cref="CreateInOrderAsync"/> once every staging file of its objects is on disk and
    /// before the first is linked, so a test can stop a writer exactly there.
    /// </summary>
    internal Func<IReadOnlyList<NewObject>, Task>? AfterStaging { get; set; }

    /// <summary>
    /// Stages the content, then gives it the key's name with <see cref="NoReplaceRename"/> (<c>link(2)</c>): atomic, so
    /// of any number of writers — threads or processes — creating one key, exactly one returns true and every other
    /// sees it exists. On a file system with no atomic no-replace primitive the check and rename run under the key's
    /// cross-process lock instead, which every writer of this store takes there.
    /// </summary>
    public async Task<bool> CreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (File.Exists(path))
        {
            return false;
        }

        var staged = await StageAsync(content, cancellationToken).ConfigureAwait(false);
        try
        {
            return await PublishNewAsync(key, staged, path, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The staged name: a second link to the object after link(2), or a loser's content; either way not an object.
            File.Delete(staged);
        }
    }

    /// <summary>
    /// Writes every object's staging file and waits for all their flushes together (<see cref="DiskFlusher"/>), then
    /// gives them their names in order with <see cref="NoReplaceRename"/>, stopping at the first name that is taken:
    /// each object durable before it is visible, none visible before the ones ahead of it, and the flushes' waits
    /// overlapped instead of one after another. Should staging fail, no object is created.
    /// </summary>
    public async Task<int> CreateInOrderAsync(IReadOnlyList<NewObject> objects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var paths = objects.Select(o => PathOf(o.Key)).ToArray();
        if (paths.Length == 0 || File.Exists(paths[0]))
        {
            return 0;
        }

        var staging = new Task<string>[paths.Length];
        for (var i = 0; i < staging.Length; i++)
        {
            staging[i] = StageAsync(objects[i].Content, cancellationToken);
        }

        try
        {
            await Task.WhenAll(staging).ConfigureAwait(false);
            if (AfterStaging is { } afterStaging)
            {
                await afterStaging(objects).ConfigureAwait(false);
            }

            // Stopped while staging: nothing has become visible yet, and nothing will.
            cancellationToken.ThrowIfCancellationRequested();
            var created = 0;
            while (created < paths.Length
                && await PublishNewAsync(objects[created].Key, staging[created].Result, paths[created], cancellationToken).ConfigureAwait(false))
            {
                created++;
            }

            return created;
        }
        finally
        {
            await DeleteStagedAsync(staging).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for every staging write in <paramref name="staging"/> to end and deletes the files of those that wrote one (a published file was renamed away already).</summary>
    private static async Task DeleteStagedAsync(IEnumerable<Task<string>> staging)
    {
        var writes = staging.ToArray();
        await Task.WhenAll(writes.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
        foreach (var write in writes)
        {
            if (write.IsCompletedSuccessfully)
            {
                File.Delete(write.Result);
            }
        }
    }

    /// <summary>
    /// Gives the durable staged file the name <paramref name="path"/> unless it is taken. The folder is made only when
    /// the name's folder turns out to be missing, not before every write: nearly every object lands in a folder that
    /// exists, and a mkdir that fails with EEXIST still costs a system call and a path walk.
    /// </summary>
    private async Task<bool> PublishNewAsync(string key, string staged, string path, CancellationToken cancellationToken)
    {
        var outcome = NoReplaceRename.TryMove(staged, path);
        if (outcome == NoReplaceOutcome.MissingFolder)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            outcome = NoReplaceRename.TryMove(staged, path);
            if (outcome == NoReplaceOutcome.MissingFolder)
            {
                throw new IOException($"Could not create '{key}': its staged file '{staged}' vanished before it was linked.");
            }
        }

        if (outcome != NoReplaceOutcome.Unsupported)
        {
            return outcome == NoReplaceOutcome.Moved;
        }

        using (await LockAsync(key, cancellationToken).ConfigureAwait(false))
        {
            if (File.Exists(path))
            {
                return false;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Move(staged, path, overwrite: false);
            return true;
        }
    }

    /// <summary>Stages and renames over the object without a lock: never for a key written with <see cref="ReplaceAsync"/>.</summary>
    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        var staged = await StageAsync(content, cancellationToken).ConfigureAwait(false);
        try
        {
            MoveOver(staged, path);
        }
        finally
        {
            File.Delete(staged);
        }
    }

    public async Task<VersionedObject?> ReadVersionedAsync(string key, CancellationToken cancellationToken) =>
        await ReadAsync(key, cancellationToken).ConfigureAwait(false) is { } content ? new VersionedObject(content, VersionOf(content)) : null;

    public async Task<bool> ReplaceAsync(string key, ReadOnlyMemory<byte> content, string version, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var staged = await StageAsync(content, cancellationToken).ConfigureAwait(false);
        try
        {
            using (await LockAsync(key, cancellationToken).ConfigureAwait(false))
            {
                var current = await ReadAsync(key, cancellationToken).ConfigureAwait(false);
                if (current is not null && VersionOf(current) == version)
                {
                    File.Move(staged, path, overwrite: true);
                    return true;
                }
            }

            return false;
        }
        finally
        {
            // Gone after the rename; otherwise (refused, lock timeout, cancellation, failure) it must not stay behind.
            File.Delete(staged);
        }
    }

    /// <summary>A fresh file in the lake's staging folder, named after the object it will become.</summary>
    public string StagingPath(string key)
    {
        var path = PathOf(key);
        if (!_stagingFolderMade)
        {
            // Once per store: the staging folder is never removed while a writer is at work, and a mkdir per partition
            // that fails with EEXIST still costs a system call and a path walk.
            Directory.CreateDirectory(_stagingFolder);
            _stagingFolderMade = true;
        }

        return NewStagingFile(Path.GetFileName(path));
    }

    /// <summary>
    /// Flushes the staged file to disk and renames it over the object: atomic when the file comes from
    /// <see cref="StagingPath"/> (the lake's staging folder, so the same file system), which this checks.
    /// </summary>
    public Task PublishFileAsync(string key, string stagedPath, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        var staged = CheckStaged(key, stagedPath);
        cancellationToken.ThrowIfCancellationRequested();
        using (var file = new FileStream(staged, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            // Durable before visible, as for every other write.
            file.Flush(flushToDisk: true);
        }

        MoveOver(staged, path);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Flushes the staged files and stages the objects <paramref name="then"/> makes, all waiting on the disk together
    /// (<see cref="DiskFlusher"/>), then renames the files and after them the objects into place: each durable before
    /// it is visible, no object visible before every file, and one wait on the disk instead of one per write. The
    /// listings handed to <paramref name="then"/> are known before any rename: a rename keeps a file's size and last
    /// write time, the local listing's fingerprint. Should flushing or staging fail, nothing is renamed.
    /// </summary>
    public async Task<IReadOnlyList<ObjectInfo>> PublishFilesThenPutAsync(IReadOnlyList<StagedFile> files, Func<IReadOnlyList<ObjectInfo>, IReadOnlyList<NewObject>> then, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(then);
        var paths = files.Select(f => PathOf(f.Key)).ToArray();
        var staged = files.Select(f => CheckStaged(f.Key, f.StagedPath)).ToArray();
        cancellationToken.ThrowIfCancellationRequested();
        var opened = new List<FileStream>(staged.Length);
        var flushes = new List<Task>(staged.Length);
        var objects = new List<(string Path, Task<string> Staging)>();
        try
        {
            var published = new ObjectInfo[staged.Length];
            for (var i = 0; i < staged.Length; i++)
            {
                opened.Add(new FileStream(staged[i], FileMode.Open, FileAccess.ReadWrite, FileShare.None));
                flushes.Add(DiskFlusher.FlushAsync(opened[i]));
                var stat = new FileInfo(staged[i]);
                published[i] = new ObjectInfo(files[i].Key, stat.Length, ModifiedFingerprint(stat));
            }

            foreach (var put in then(published))
            {
                objects.Add((PathOf(put.Key), StageAsync(put.Content, cancellationToken)));
            }

            await Task.WhenAll(flushes.Concat(objects.Select(o => o.Staging))).ConfigureAwait(false);

            // Stopped while flushing: nothing has become visible yet, and nothing will.
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var file in opened)
            {
                await file.DisposeAsync().ConfigureAwait(false);
            }

            // Closed before the renames; the cleanup below has none of them left to close.
            opened.Clear();
            for (var i = 0; i < staged.Length; i++)
            {
                MoveOver(staged[i], paths[i]);
            }

            foreach (var (path, staging) in objects)
            {
                MoveOver(staging.Result, path);
            }

            return published;
        }
        finally
        {
            // A flush still queued keeps its file open until it has run; the staged files themselves are the caller's.
            await Task.WhenAll(flushes.Select(f => f.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
            foreach (var file in opened)
            {
                await file.DisposeAsync().ConfigureAwait(false);
            }

            await DeleteStagedAsync(objects.Select(o => o.Staging)).ConfigureAwait(false);
        }
    }

    /// <summary>The full path of <paramref name="stagedPath"/>, checked to be a file <see cref="StagingPath"/> gave, so that its rename is atomic.</summary>
    private string CheckStaged(string key, string stagedPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stagedPath);
        if (!File.Exists(stagedPath))
        {
            throw new FileNotFoundException($"The staged file '{stagedPath}' for '{key}' does not exist.", stagedPath);
        }

        var stagedFull = Path.GetFullPath(stagedPath);
        if (Path.GetDirectoryName(stagedFull) != _stagingFolder || !Path.GetFileName(stagedFull).StartsWith(ObjectKey.StagingPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The staged file '{stagedPath}' for '{key}' does not come from StagingPath('{key}'), so renaming it would not be atomic.", nameof(stagedPath));
        }

        return stagedFull;
    }

    /// <summary>
    /// Renames the durable staged file over <paramref name="path"/>, making the folder only when it turns out to be
    /// missing (nearly every partition is replaced in a folder that exists).
    /// </summary>
    private static void MoveOver(string staged, string path)
    {
        try
        {
            File.Move(staged, path, overwrite: true);
        }
        catch (IOException e) when (e is DirectoryNotFoundException or FileNotFoundException && File.Exists(staged))
        {
            // With the staged file there, ENOENT means the target's folder is missing, however .NET names it (another
            // writer may make the folder while the exception is built).
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Move(staged, path, overwrite: true);
        }
    }

    public async Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(key)));

    /// <summary>Deletes the file, then its folder when that is left empty (a folder another writer fills meanwhile stays).</summary>
    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = PathOf(key);
        var folder = Path.GetDirectoryName(path)!;
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // No folder, no file: nothing to delete.
            return Task.CompletedTask;
        }

        if (!Directory.EnumerateFileSystemEntries(folder).Any())
        {
            try
            {
                Directory.Delete(folder);
            }
            catch (IOException) when (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            {
                // Another writer put a file there meanwhile; the folder is theirs now.
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A listed file's fingerprint: its last write time in ticks (UTC), which every write through the file system
    /// changes, read from the same stat as its size. Not a content hash: rewriting identical bytes changes it too,
    /// and a deliberate reset of the time would hide a change.
    /// </summary>
    private static string ModifiedFingerprint(FileInfo file) =>
        "modified:" + file.LastWriteTimeUtc.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Start from the deepest folder the prefix names, then filter by the full prefix.
        var slash = prefix.LastIndexOf('/');
        var folder = slash < 0 ? _root : Path.Combine(_root, prefix[..slash]);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        var keys = new List<ObjectInfo>();
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            if (file.Name.StartsWith(ObjectKey.StagingPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var key = Path.GetRelativePath(_root, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                keys.Add(new ObjectInfo(key, file.Length, ModifiedFingerprint(file)));
            }
        }

        keys.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var info in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return info;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>
    /// The folders directly under <paramref name="prefix"/>, each with its directory's last-write time as the token: a
    /// file created in, renamed into, renamed out of or deleted from a directory sets its last-write time (staging files
    /// are written elsewhere and renamed in, so each object changes it once).
    /// </summary>
    public Task<IReadOnlyList<FolderInfo>?> ListFoldersAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > 0 && !prefix.EndsWith('/'))
        {
            throw new ArgumentException($"A folder prefix ends with '/': '{prefix}'.", nameof(prefix));
        }

        var folder = Path.Combine(_root, prefix.TrimEnd('/'));
        var folders = new List<FolderInfo>();
        if (Directory.Exists(folder))
        {
            foreach (var directory in new DirectoryInfo(folder).EnumerateDirectories())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var changed = directory.LastWriteTimeUtc;
                folders.Add(new FolderInfo(
                    prefix + directory.Name + "/",
                    "modified:" + changed.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    new DateTimeOffset(changed, TimeSpan.Zero)));
            }
        }

        folders.Sort((a, b) => string.CompareOrdinal(a.Prefix, b.Prefix));
        return Task.FromResult<IReadOnlyList<FolderInfo>?>(folders);
    }

    public string? LocalPath(string key) => PathOf(key);

    /// <summary>
    /// Deletes staging files older than <paramref name="age"/> left behind by a crashed writer: those in the staging
    /// folder and those an earlier version of this store left inside the objects' own folders. A caller that holds
    /// the lake's writer lock knows no other writer is at work and passes <see cref="TimeSpan.Zero"/>.
    /// </summary>
    public int SweepStagingFiles(TimeSpan age, DateTimeOffset now)
    {
        var removed = 0;
        foreach (var file in new DirectoryInfo(_root).EnumerateFiles(ObjectKey.StagingPrefix + "*", SearchOption.AllDirectories))
        {
            // Lock files stay: deleting one another process holds would let a third lock a new file beside it.
            if (file.DirectoryName != _lockFolder && now - file.LastWriteTimeUtc >= age)
            {
                file.Delete();
                removed++;
            }
        }

        return removed;
    }

    /// <summary>The lock file that guards <paramref name="key"/>: one of <see cref="LockStripes"/>, chosen by a hash of the key.</summary>
    internal string LockPathOf(string key)
    {
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ObjectKey.Validate(key)));
        var stripe = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash) % LockStripes;
        return Path.Combine(_lockFolder, $"{ObjectKey.StagingPrefix}{stripe:D2}.lock");
    }

    private static string VersionOf(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>
    /// Holds the key's lock file open with <see cref="FileShare.None"/>, which .NET backs with an exclusive advisory
    /// lock on Unix, until disposed; waits up to <see cref="LockTimeout"/> for another holder. Lock files are never
    /// deleted: deleting one that another process holds would let a third lock a new file beside it.
    /// </summary>
    private async Task<FileStream> LockAsync(string key, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_lockFolder);
        var lockPath = LockPathOf(key);
        var waited = TimeSpan.Zero;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(lockPath) && waited < LockTimeout)
            {
                await Task.Delay(LockPoll, cancellationToken).ConfigureAwait(false);
                waited += LockPoll;
            }
            catch (IOException e) when (File.Exists(lockPath))
            {
                throw new IOException($"The lock '{lockPath}' was held by another writer for more than {LockTimeout.TotalSeconds:0} s.", e);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new UnauthorizedAccessException($"The lock '{lockPath}' of the lake '{_root}' cannot be opened for writing by this user, who then cannot replace '{key}' either.", e);
            }
        }
    }

    private string PathOf(string key) => Path.Combine(_root, ObjectKey.Validate(key).Replace('/', Path.DirectorySeparatorChar));

    /// <summary>
    /// A fresh name in the staging folder. It says nothing of the object it will become: the same staged file may be
    /// published under whichever key its writer ends up with (a request marker names the key).
    /// </summary>
    private string NewStagingFile(string name) => Path.Combine(_stagingFolder, $"{ObjectKey.StagingPrefix}{Guid.NewGuid():N}-{name}");

    /// <summary>
    /// Writes <paramref name="content"/> to a new staging file and waits until it is on disk: durable before visible,
    /// so no rename or link ever exposes an object whose bytes are not. The write goes straight to the file (it is
    /// small and lands in the page cache); the flush waits on a <see cref="DiskFlusher"/> thread.
    /// </summary>
    private async Task<string> StageAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var staged = NewStagingFile("object");
        try
        {
            await using var stream = OpenStagingFile(staged);
            stream.Write(content.Span);
            await DiskFlusher.FlushAsync(stream).ConfigureAwait(false);
        }
        catch
        {
            File.Delete(staged);
            throw;
        }

        return staged;
    }

    /// <summary>Creates the staging file, and the staging folder only when it turns out to be missing.</summary>
    private FileStream OpenStagingFile(string staged)
    {
        try
        {
            return new FileStream(staged, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        }
        catch (IOException e) when (e is DirectoryNotFoundException or FileNotFoundException)
        {
            // A new file's ENOENT means its folder is missing. .NET reports it as a missing folder only when the folder is
            // still missing as it builds the exception; another writer may have made it in between, and then the same
            // ENOENT surfaces as a missing file.
            Directory.CreateDirectory(_stagingFolder);
            return new FileStream(staged, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        }
    }
}
