using System.Buffers;
using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.DuckDb;

/// <summary>
/// Bulk-loads <see cref="RecordBatch"/>es into one table through DuckDB's appender, a data chunk of up to
/// <c>duckdb_vector_size()</c> rows at a time. Batch columns map to table columns by position and must match the
/// table's column count and types. Rows become visible when the appender flushes (<see cref="Flush"/>, or
/// <see cref="Dispose"/>, which reports any error from that final flush). Not thread-safe, like its connection.
/// </summary>
public sealed class DuckDbAppender : IDisposable
{
    private readonly AppenderHandle _handle;

    private readonly string _table;

    private readonly DuckDbType[] _tableTypes;

    private readonly DataChunkHandle _chunk;

    private readonly int _chunkCapacity;

    private byte[] _utf8Buffer;

    // Set when DuckDB rejected an append or flush: the appender is then unusable, and Dispose must not throw a second
    // error over the one the caller is already handling.
    private bool _faulted;

    private bool _disposed;

    internal DuckDbAppender(ConnectionHandle connection, string table, string? schema)
    {
        _table = schema is null ? table : $"{schema}.{table}";
        _chunkCapacity = (int)NativeMethods.duckdb_vector_size();
        _utf8Buffer = ArrayPool<byte>.Shared.Rent(256);
        _handle = AppenderHandle.Create(connection, schema, table);
        try
        {
            var columns = (int)NativeMethods.duckdb_appender_column_count(_handle);
            _tableTypes = new DuckDbType[columns];
            var logicalTypes = new IntPtr[columns];
            try
            {
                for (var c = 0; c < columns; c++)
                {
                    logicalTypes[c] = NativeMethods.duckdb_appender_column_type(_handle, (ulong)c);
                    _tableTypes[c] = NativeMethods.duckdb_get_type_id(logicalTypes[c]);
                }

                // The chunk takes the table's exact types: duckdb_append_data_chunk does not cast.
                _chunk = DataChunkHandle.Create(logicalTypes);
            }
            finally
            {
                for (var c = 0; c < columns; c++)
                {
                    if (logicalTypes[c] != IntPtr.Zero)
                    {
                        NativeMethods.duckdb_destroy_logical_type(ref logicalTypes[c]);
                    }
                }
            }
        }
        catch
        {
            _handle.Dispose();
            throw;
        }
    }

    /// <summary>Appends every row of <paramref name="batch"/>.</summary>
    /// <exception cref="ArgumentException">The batch's columns do not match the table's count or types.</exception>
    /// <exception cref="DuckDbException">DuckDB rejected the rows; the appender cannot be used afterwards.</exception>
    public void Append(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfFaulted();
        Validate(batch);

        var chunk = _chunk.DangerousGetHandle();
        for (var start = 0; start < batch.RowCount; start += _chunkCapacity)
        {
            var count = Math.Min(_chunkCapacity, batch.RowCount - start);
            NativeMethods.duckdb_data_chunk_reset(chunk);
            for (var c = 0; c < batch.Columns.Count; c++)
            {
                DataChunkWriter.Write(batch.Columns[c], NativeMethods.duckdb_data_chunk_get_vector(chunk, (ulong)c), start, count, ref _utf8Buffer);
            }

            NativeMethods.duckdb_data_chunk_set_size(chunk, (ulong)count);
            if (NativeMethods.duckdb_append_data_chunk(_handle, chunk) != DuckDbState.Success)
            {
                throw Fault("append rows to");
            }
        }
    }

    /// <summary>Writes buffered rows to the table now, surfacing constraint violations.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfFaulted();
        if (NativeMethods.duckdb_appender_flush(_handle) != DuckDbState.Success)
        {
            throw Fault("flush rows into");
        }
    }

    /// <summary>
    /// Flushes and closes the appender, throwing <see cref="DuckDbException"/> if that final flush fails, then frees it.
    /// After a failed <see cref="Append"/> or <see cref="Flush"/> it only frees, so it never masks the first error.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (!_faulted && NativeMethods.duckdb_appender_close(_handle) != DuckDbState.Success)
            {
                throw Fault("close the appender on");
            }
        }
        finally
        {
            _chunk.Dispose();
            _handle.Dispose();
            ArrayPool<byte>.Shared.Return(_utf8Buffer);
            _utf8Buffer = [];
        }
    }

    private void Validate(RecordBatch batch)
    {
        if (batch.Columns.Count != _tableTypes.Length)
        {
            throw new ArgumentException(
                $"The batch has {batch.Columns.Count} columns but table '{_table}' has {_tableTypes.Length}; columns are matched by position.",
                nameof(batch));
        }

        for (var c = 0; c < _tableTypes.Length; c++)
        {
            var column = batch.Columns[c];
            if (!DataChunkWriter.CanWrite(column.Type, _tableTypes[c]))
            {
                throw new ArgumentException(
                    $"Column {c} '{column.Name}' is {column.Type} in the batch but {DuckDbTypeNames.ToSql(_tableTypes[c])} in table '{_table}'.",
                    nameof(batch));
            }
        }
    }

    private void ThrowIfFaulted()
    {
        if (_faulted)
        {
            throw new InvalidOperationException($"The appender for table '{_table}' failed earlier and cannot be used; dispose it.");
        }
    }

    private DuckDbException Fault(string action)
    {
        _faulted = true;
        var error = NativeMethods.ReadString(NativeMethods.duckdb_appender_error(_handle.DangerousGetHandle()));
        return new DuckDbException($"DuckDB could not {action} table '{_table}': {error ?? "unknown error"}", error, sql: null);
    }
}
