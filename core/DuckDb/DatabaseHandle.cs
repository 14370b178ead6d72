using Microsoft.Win32.SafeHandles;

namespace StockLakehouse.Core.DuckDb;

/// <summary>
/// Owns a <c>duckdb_database</c>. Connections add a reference to it, so disposing the database while a connection is
/// still open defers <c>duckdb_close</c> until the last connection goes away instead of pulling memory from under it.
/// </summary>
internal sealed class DatabaseHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    internal DatabaseHandle(IntPtr database)
        : base(ownsHandle: true)
    {
        SetHandle(database);
    }

    protected override bool ReleaseHandle()
    {
        var database = handle;
        NativeMethods.duckdb_close(ref database);
        return true;
    }
}
