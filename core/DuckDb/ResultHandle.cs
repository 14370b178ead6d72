using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace StockLakehouse.Core.DuckDb;

/// <summary>
/// Owns a <c>duckdb_result</c> living in native memory (so its address is stable across calls and iterator yields),
/// plus the prepared statement it came from. Holds a reference on the connection because a
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

    /// <summary>Rows in a materialized result, known before any chunk is fetched; null for a streaming result.</summary>
    internal long? RowCount { get; private set; }

    /// <summary>
    /// Runs every statement in <paramref name="sql"/> in order and returns the result of the last one; earlier results
    /// are discarded. (<c>duckdb_query</c> also runs several statements, but which statement's result it hands back
    /// varies with the statement kinds, so the statements are split and run one by one instead.)
    /// </summary>
    /// <param name="streaming">Produce the last result chunk by chunk as it is fetched instead of materializing it.</param>
    internal static ResultHandle Execute(ConnectionHandle connection, string sql, bool streaming)
    {
        var extracted = IntPtr.Zero;
        try
        {
            var count = NativeMethods.duckdb_extract_statements(connection, sql, out extracted);
            if (count == 0)
            {
                var error = NativeMethods.ReadString(NativeMethods.duckdb_extract_statements_error(extracted));
                throw DuckDbException.QueryFailed(error ?? "the SQL contains no statement", sql);
            }

            for (ulong index = 0; ; index++)
            {
                var last = index == count - 1;
                var result = RunExtracted(connection, extracted, index, last && streaming, sql, count);
                if (last)
                {
                    return result;
                }

                result.Dispose();
            }
        }
        finally
        {
            if (extracted != IntPtr.Zero)
            {
                NativeMethods.duckdb_destroy_extracted(ref extracted);
            }
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

    private static ResultHandle RunExtracted(
        ConnectionHandle connection, IntPtr extracted, ulong index, bool streaming, string sql, ulong count)
    {
        var result = Allocate(connection);
        try
        {
            // The result owns the prepared statement from here on; a streaming result reads through it.
            var state = NativeMethods.duckdb_prepare_extracted_statement(connection, extracted, index, out result._preparedStatement);
            if (state != DuckDbState.Success)
            {
                throw Failed(NativeMethods.duckdb_prepare_error(result._preparedStatement));
            }

            state = streaming
                ? NativeMethods.duckdb_execute_prepared_streaming(result._preparedStatement, result.Result)
                : NativeMethods.duckdb_execute_prepared(result._preparedStatement, result.Result);
            if (state != DuckDbState.Success)
            {
                throw Failed(NativeMethods.duckdb_result_error(result.Result));
            }

            result.RowCount = streaming ? null : (long)NativeMethods.duckdb_row_count(result.Result);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }

        DuckDbException Failed(IntPtr error)
        {
            var message = NativeMethods.ReadString(error);
            return DuckDbException.QueryFailed(count > 1 ? $"(statement {index + 1} of {count}) {message}" : message, sql);
        }
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
