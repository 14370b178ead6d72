using Microsoft.Win32.SafeHandles;

namespace StockLakehouse.Core.DuckDb;

/// <summary>Owns a <c>duckdb_connection</c> and keeps its database alive until the connection is released.</summary>
internal sealed class ConnectionHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly DatabaseHandle _database;

    private ConnectionHandle(DatabaseHandle database)
        : base(ownsHandle: true)
    {
        _database = database;
    }

    /// <summary>Connects to <paramref name="database"/>; safe to call from several threads at once.</summary>
    internal static ConnectionHandle Connect(DatabaseHandle database)
    {
        var connection = new ConnectionHandle(database);
        var added = false;
        try
        {
            // Reference first, so the database cannot close between duckdb_connect and the handle taking ownership.
            database.DangerousAddRef(ref added);
            if (NativeMethods.duckdb_connect(database, out var raw) != DuckDbState.Success)
            {
                if (raw != IntPtr.Zero)
                {
                    NativeMethods.duckdb_disconnect(ref raw);
                }

                throw new DuckDbException("DuckDB could not open a connection to the database.");
            }

            connection.SetHandle(raw);
            return connection;
        }
        catch
        {
            // SetHandle is the last step, so reaching here means the handle never took ownership of the reference.
            if (added)
            {
                database.DangerousRelease();
            }

            throw;
        }
    }

    protected override bool ReleaseHandle()
    {
        var connection = handle;
        NativeMethods.duckdb_disconnect(ref connection);
        _database.DangerousRelease();
        return true;
    }
}
