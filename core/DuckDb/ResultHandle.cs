using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace StockLakehouse.Core.DuckDb;

/// <summary>
/// Owns a <c>duckdb_result</c> living in native memory (so its address is stable across calls and iterator yields),
/// plus the prepared statement a streaming result came from. Holds a reference on the connection because a
/// streaming result reads from the connection's client context until it is destroyed.
/// </summary>
internal sealed unsafe class ResultHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly ConnectionHandle _connection;

    private IntPtr _preparedStatement;

    private ResultHandle(ConnectionHandle connection)
        : base(ownsHandle: true)
    {
        _connection = connection;
    }

    internal DuckDbResult* Result => (DuckDbResult*)handle;

    /// <summary>Runs <paramref name="sql"/> (one or more statements) and returns the materialized last result.</summary>
    internal static ResultHandle Query(ConnectionHandle connection, string sql)
    {
        var result = Allocate(connection);
        try
        {
            if (NativeMethods.duckdb_query(connection, sql, result.Result) != DuckDbState.Success)
            {
                throw DuckDbException.QueryFailed(NativeMethods.ReadString(NativeMethods.duckdb_result_error(result.Result)), sql);
            }

            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>Runs one statement and returns a result whose chunks are produced as they are fetched.</summary>
    internal static ResultHandle QueryStreaming(ConnectionHandle connection, string sql)
    {
        var result = Allocate(connection);
        try
        {
            var prepareState = NativeMethods.duckdb_prepare(connection, sql, out var prepared);
            result._preparedStatement = prepared;
            if (prepareState != DuckDbState.Success)
            {
                throw DuckDbException.QueryFailed(NativeMethods.ReadString(NativeMethods.duckdb_prepare_error(prepared)), sql);
            }

            if (NativeMethods.duckdb_execute_prepared_streaming(prepared, result.Result) != DuckDbState.Success)
            {
                throw DuckDbException.QueryFailed(NativeMethods.ReadString(NativeMethods.duckdb_result_error(result.Result)), sql);
            }

            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>The next chunk, or null once the result is exhausted; throws if producing it failed.</summary>
    internal DataChunkHandle? FetchChunk(string sql)
    {
        var chunk = NativeMethods.duckdb_fetch_chunk(*Result);
        if (chunk != IntPtr.Zero)
        {
            return new DataChunkHandle(chunk);
        }

        // A streaming result reports execution errors here rather than from duckdb_execute_prepared_streaming.
        var error = NativeMethods.ReadString(NativeMethods.duckdb_result_error(Result));
        return string.IsNullOrEmpty(error) ? null : throw DuckDbException.QueryFailed(error, sql);
    }

    protected override bool ReleaseHandle()
    {
        // duckdb_destroy_result copes with a zeroed struct, so this is safe even if the query never ran.
        NativeMethods.duckdb_destroy_result(Result);
        NativeMemory.Free((void*)handle);
        if (_preparedStatement != IntPtr.Zero)
        {
            NativeMethods.duckdb_destroy_prepare(ref _preparedStatement);
        }

        _connection.DangerousRelease();
        return true;
    }

    private static ResultHandle Allocate(ConnectionHandle connection)
    {
        var result = new ResultHandle(connection);
        var added = false;
        try
        {
            connection.DangerousAddRef(ref added);
            result.SetHandle((IntPtr)NativeMemory.AllocZeroed((nuint)sizeof(DuckDbResult)));
            return result;
        }
        catch
        {
            if (added)
            {
                connection.DangerousRelease();
            }

            throw;
        }
    }
}
