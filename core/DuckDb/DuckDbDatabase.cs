namespace StockLakehouse.Core.DuckDb;

/// <summary>
/// An open DuckDB database, in memory or in a file. <see cref="Connect"/> may be called from several threads at once;
/// each <see cref="DuckDbConnection"/> is then used by one thread at a time. Disposing the database while connections
/// are still open is safe: DuckDB closes it when the last of them is disposed.
/// </summary>
public sealed class DuckDbDatabase : IDisposable
{
    private const string InMemory = ":memory:";

    private readonly DatabaseHandle _handle;

    // The handle only closes once the last connection releases it, so it cannot tell whether Dispose was called.
    private volatile bool _disposed;

    private DuckDbDatabase(DatabaseHandle handle, string path)
    {
        _handle = handle;
        Path = path;
    }

    /// <summary>The database file, or <c>:memory:</c>.</summary>
    public string Path { get; }

    /// <summary>The DuckDB library version, e.g. <c>v1.5.6</c>.</summary>
    public static string LibraryVersion => NativeMethods.ReadString(NativeMethods.duckdb_library_version()) ?? "unknown";

    /// <summary>
    /// Opens (creating if needed) the database file at <paramref name="path"/>, or an in-memory database when it is
    /// null or <c>:memory:</c>.
    /// </summary>
    /// <exception cref="DuckDbException">DuckDB could not open it; the message names the path and DuckDB's reason.</exception>
    public static DuckDbDatabase Open(string? path = null)
    {
        var target = string.IsNullOrEmpty(path) ? InMemory : path;
        var state = NativeMethods.duckdb_open_ext(target, out var database, IntPtr.Zero, out var errorPointer);
        string? error = null;
        if (errorPointer != IntPtr.Zero)
        {
            // duckdb.h: the open error is allocated by DuckDB and must be released with duckdb_free.
            error = NativeMethods.ReadString(errorPointer);
            NativeMethods.duckdb_free(errorPointer);
        }

        if (state != DuckDbState.Success)
        {
            if (database != IntPtr.Zero)
            {
                NativeMethods.duckdb_close(ref database);
            }

            throw new DuckDbException($"Could not open DuckDB database '{target}': {error ?? "unknown error"}", error, sql: null);
        }

        return new DuckDbDatabase(new DatabaseHandle(database), target);
    }

    /// <summary>Opens a new connection; thread-safe.</summary>
    public DuckDbConnection Connect()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new DuckDbConnection(ConnectionHandle.Connect(_handle));
    }

    public void Dispose()
    {
        _disposed = true;
        _handle.Dispose();
    }
}
