using Microsoft.Win32.SafeHandles;

namespace StockLakehouse.Core.DuckDb;

/// <summary>Owns a <c>duckdb_data_chunk</c>, either fetched from a result or created for appending.</summary>
internal sealed class DataChunkHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    internal DataChunkHandle(IntPtr chunk)
        : base(ownsHandle: true)
    {
        SetHandle(chunk);
    }

    /// <summary>Creates an empty chunk of <c>duckdb_vector_size()</c> rows with the given logical types.</summary>
    internal static unsafe DataChunkHandle Create(ReadOnlySpan<IntPtr> logicalTypes)
    {
        fixed (IntPtr* types = logicalTypes)
        {
            var chunk = NativeMethods.duckdb_create_data_chunk(types, (ulong)logicalTypes.Length);
            return chunk == IntPtr.Zero
                ? throw new DuckDbException("DuckDB could not create a data chunk.")
                : new DataChunkHandle(chunk);
        }
    }

    protected override bool ReleaseHandle()
    {
        var chunk = handle;
        NativeMethods.duckdb_destroy_data_chunk(ref chunk);
        return true;
    }
}
