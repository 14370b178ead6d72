using System.Runtime.CompilerServices;

namespace StockLakehouse.Core.Lake;

/// <summary>
/// The object store as a local directory. Writes go to a hidden staging file in the target's own folder
/// and are renamed into place, so an object appears whole or not at all even if the process dies
/// mid-write; create-only writes use a no-replace rename, so two writers cannot both create a key.
/// </summary>
public sealed class LocalDirectoryObjectStore : IObjectStore
{
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
        File.Move(staged, path, overwrite: true);
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
