using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace StockLakehouse.Core.Lake;

/// <summary>
/// The object store as a local directory. Writes go to a hidden staging file in the target's own folder
/// and are renamed into place, so an object appears whole or not at all even if the process dies
/// mid-write; create-only writes use a no-replace rename, so two writers cannot both create a key.
/// Versions are SHA-256 hashes of the content; a conditional replace compares and renames while holding an
/// exclusive lock on a per-object lock file (an OS file lock, so it holds across this user's processes), and
/// unconditional puts take the same lock so that they cannot slip between the comparison and the rename. Lock
/// files live in the temporary folder, named by a hash of the object's path, so the lake holds only objects.
/// </summary>
public sealed class LocalDirectoryObjectStore : IObjectStore
{
    private static readonly string LockFolder = Path.Combine(Path.GetTempPath(), "stocklakehouse-locks");
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    private readonly string _root;

    public LocalDirectoryObjectStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    public string Location => _root;

    public async Task<bool> CreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (File.Exists(path))
        {
            return false;
        }

        var staged = await StageAsync(path, content, cancellationToken).ConfigureAwait(false);
        try
        {
            File.Move(staged, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another writer created the key between our check and our rename: theirs stands.
            File.Delete(staged);
            return false;
        }
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        var staged = await StageAsync(path, content, cancellationToken).ConfigureAwait(false);
        using (await LockAsync(path, cancellationToken).ConfigureAwait(false))
        {
            File.Move(staged, path, overwrite: true);
        }
    }

    public async Task<VersionedObject?> ReadVersionedAsync(string key, CancellationToken cancellationToken) =>
        await ReadAsync(key, cancellationToken).ConfigureAwait(false) is { } content ? new VersionedObject(content, VersionOf(content)) : null;

    public async Task<bool> ReplaceAsync(string key, ReadOnlyMemory<byte> content, string version, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        var path = PathOf(key);
        var staged = await StageAsync(path, content, cancellationToken).ConfigureAwait(false);
        using (await LockAsync(path, cancellationToken).ConfigureAwait(false))
        {
            var current = await ReadAsync(key, cancellationToken).ConfigureAwait(false);
            if (current is not null && VersionOf(current) == version)
            {
                File.Move(staged, path, overwrite: true);
                return true;
            }
        }

        File.Delete(staged);
        return false;
    }

    public string StagingPath(string key)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return Path.Combine(Path.GetDirectoryName(path)!, $"{ObjectKey.StagingPrefix}{Guid.NewGuid():N}-{Path.GetFileName(path)}");
    }

    public Task PublishFileAsync(string key, string stagedPath, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (!File.Exists(stagedPath))
        {
            throw new FileNotFoundException($"The staged file '{stagedPath}' for '{key}' does not exist.", stagedPath);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Move(stagedPath, path, overwrite: true);
        return Task.CompletedTask;
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
                keys.Add(new ObjectInfo(key, file.Length));
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

    public string? LocalPath(string key) => PathOf(key);

    /// <summary>Deletes staging files older than <paramref name="age"/> left behind by a crashed writer.</summary>
    public int SweepStagingFiles(TimeSpan age, DateTimeOffset now)
    {
        var removed = 0;
        foreach (var file in new DirectoryInfo(_root).EnumerateFiles(ObjectKey.StagingPrefix + "*", SearchOption.AllDirectories))
        {
            if (now - file.LastWriteTimeUtc >= age)
            {
                file.Delete();
                removed++;
            }
        }

        return removed;
    }

    /// <summary>The lock file of the object at <paramref name="path"/> (an absolute path under the lake root).</summary>
    internal static string LockPathOf(string path) =>
        Path.Combine(LockFolder, Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(path))) + ".lock");

    private static string VersionOf(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>
    /// Holds the object's lock file open with <see cref="FileShare.None"/>, which .NET backs with an exclusive
    /// advisory lock on Unix, until disposed; waits up to <see cref="LockTimeout"/> for another holder. Lock files
    /// are never deleted: deleting one that another process holds would let a third lock a new file beside it.
    /// </summary>
    private static async Task<FileStream> LockAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(LockFolder);
        var lockPath = LockPathOf(path);
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
        }
    }

    private string PathOf(string key) => Path.Combine(_root, ObjectKey.Validate(key).Replace('/', Path.DirectorySeparatorChar));

    private async Task<string> StageAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var staged = Path.Combine(directory, $"{ObjectKey.StagingPrefix}{Guid.NewGuid():N}-{Path.GetFileName(path)}");
        try
        {
            await using var stream = new FileStream(staged, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            // Durable before visible: the rename must never expose an object whose bytes are not on disk.
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            File.Delete(staged);
            throw;
        }

        return staged;
    }
}
