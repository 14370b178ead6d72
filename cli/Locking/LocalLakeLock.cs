using Serilog;

namespace StockLakehouse.Cli.Locking;

/// <summary>
/// The writer lock of a lake in a local folder: <c>_state/writer.lock</c> held open with <see cref="FileShare.None"/>,
/// which .NET backs with an exclusive advisory lock (flock) on Unix, so the operating system releases it when the
/// holder ends in any way, kill -9 included. Beside it, <c>_state/writer.json</c> names the holder for whoever is
/// refused; a description still there when the lock is free was left by a holder that died, and the new holder says
/// so. The lock file itself is never deleted: deleting a file another process holds would let a third lock a new one.
/// </summary>
internal sealed class LocalLakeLock : ILakeLock
{
    private readonly FileStream _lock;
    private readonly string _description;

    private LocalLakeLock(FileStream held, string description)
    {
        _lock = held;
        _description = description;
    }

    public CancellationToken Lost => CancellationToken.None;

    /// <summary>The lock file of the lake in <paramref name="lakeFolder"/>.</summary>
    public static string LockPath(string lakeFolder) => Path.Combine(lakeFolder, "_state", "writer.lock");

    /// <summary>The holder's description beside the lock file.</summary>
    public static string DescriptionPath(string lakeFolder) => Path.Combine(lakeFolder, "_state", "writer.json");

    /// <summary>Takes the lock at once or throws <see cref="LakeLockedException"/> naming the holder.</summary>
    public static LocalLakeLock Acquire(string lakeFolder, LakeWriter writer, ILogger log)
    {
        var lockPath = LockPath(lakeFolder);
        var descriptionPath = DescriptionPath(lakeFolder);
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        FileStream held;
        try
        {
            held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(lockPath))
        {
            var holder = ReadHolder(descriptionPath);
            throw new LakeLockedException(
                $"The lake '{lakeFolder}' is being written by {holder?.ToString() ?? "another process that has not described itself yet"}; "
                + $"one process writes a lake at a time, so wait for it to finish (its lock is '{lockPath}').");
        }

        try
        {
            if (ReadHolder(descriptionPath) is { } dead)
            {
                log.Warning("Took over the writer lock of lake {Lake} from {Holder}, which ended without releasing it", lakeFolder, dead.ToString());
            }

            File.WriteAllBytes(descriptionPath, writer.ToJson());
            return new LocalLakeLock(held, descriptionPath);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            // The description goes first: once the lock is free, a description means its holder died.
            File.Delete(_description);
        }
        finally
        {
            _lock.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static LakeWriter? ReadHolder(string descriptionPath)
    {
        try
        {
            return LakeWriter.Parse(File.ReadAllBytes(descriptionPath));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
