using System.Runtime.InteropServices;

namespace StockLakehouse.Core.DuckDb;

/// <summary>
/// Layout of the C <c>duckdb_result</c> struct (six pointer-sized words). The fields are deprecated and never read
/// here; the struct exists because the execute functions fill one in place and <c>duckdb_fetch_chunk</c> takes it by value.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbResult
{
    public ulong DeprecatedColumnCount;
    public ulong DeprecatedRowCount;
    public ulong DeprecatedRowsChanged;
    public IntPtr DeprecatedColumns;
    public IntPtr DeprecatedErrorMessage;
    public IntPtr InternalData;
}
