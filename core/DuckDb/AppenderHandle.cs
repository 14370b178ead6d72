using Microsoft.Win32.SafeHandles;

namespace StockLakehouse.Core.DuckDb;

/// <summary>
/// Owns a <c>duckdb_appender</c> and keeps its connection alive. Release only destroys: errors from the final flush
/// are surfaced by <see cref="DuckDbAppender.Dispose"/> calling <c>duckdb_appender_close</c> first.
/// </summary>
internal sealed class AppenderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly ConnectionHandle _connection;

    private AppenderHandle(ConnectionHandle connection)
        : base(ownsHandle: true)
    {
        _connection = connection;
    }

    /// <summary>Creates an appender for <paramref name="schema"/>.<paramref name="table"/> (names, not SQL).</summary>
    internal static AppenderHandle Create(ConnectionHandle connection, string? schema, string table)
    {
        var appender = new AppenderHandle(connection);
        var added = false;
        try
        {
            connection.DangerousAddRef(ref added);
            if (NativeMethods.duckdb_appender_create(connection, schema, table, out var raw) != DuckDbState.Success)
            {
                // duckdb.h: the appender must be destroyed even when creation fails; read its error first.
                var error = raw == IntPtr.Zero ? null : NativeMethods.ReadString(NativeMethods.duckdb_appender_error(raw));
                if (raw != IntPtr.Zero)
                {
                    NativeMethods.duckdb_appender_destroy(ref raw);
                }

                var name = schema is null ? table : $"{schema}.{table}";
                throw new DuckDbException(
                    $"DuckDB could not create an appender for table '{name}': {error ?? "unknown error"}",
                    error,
                    sql: null);
            }

            appender.SetHandle(raw);
            return appender;
        }
        catch
        {
            // SetHandle is the last step, so reaching here means the handle never took ownership of the reference.
            if (added)
            {
                connection.DangerousRelease();
            }

            throw;
        }
    }

    protected override bool ReleaseHandle()
    {
        var appender = handle;
        NativeMethods.duckdb_appender_destroy(ref appender);
        _connection.DangerousRelease();
        return true;
    }
}
