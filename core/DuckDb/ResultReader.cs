using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.DuckDb;

/// <summary>
/// Turns a <c>duckdb_result</c> into <see cref="RecordBatch"/>es by pulling chunks with <c>duckdb_fetch_chunk</c> and
/// copying vector memory column by column, freeing each chunk as soon as it is copied. A chunk may be split across
/// two batches, so the partly read chunk and the position in it survive between <see cref="ReadBatch"/> calls.
/// </summary>
internal sealed class ResultReader : IDisposable
{
    // Streaming results have no row count up front; batches start with this much room (or the batch size, if
    // smaller) and double from there.
    private const int StreamingInitialCapacity = 1 << 16;

    private readonly ResultHandle _result;

    private readonly string _sql;

    private readonly ColumnBuilder[] _builders;

    // Rows not yet read from a materialized result; null when the result streams.
    private long? _remaining;

    private DataChunkHandle? _chunk;

    private int _chunkRows;

    private int _chunkOffset;

    private bool _exhausted;

    /// <param name="result">Owned by the reader from here on.</param>
    /// <param name="sql">Quoted in errors raised while fetching.</param>
    /// <param name="maxColumns">Read only the first columns (for scalars), so other columns' types do not matter.</param>
    public unsafe ResultReader(ResultHandle result, string sql, int maxColumns = int.MaxValue)
    {
        _result = result;
        _sql = sql;
        _remaining = result.RowCount;
        try
        {
            var columns = (int)Math.Min((ulong)maxColumns, NativeMethods.duckdb_column_count(result.Result));
            _builders = new ColumnBuilder[columns];
            for (var c = 0; c < columns; c++)
            {
                var name = NativeMethods.ReadString(NativeMethods.duckdb_column_name(result.Result, (ulong)c)) ?? $"column{c}";
                var logicalType = NativeMethods.duckdb_column_logical_type(result.Result, (ulong)c);
                try
                {
                    _builders[c] = ColumnBuilder.Create(name, logicalType);
                }
                finally
                {
                    NativeMethods.duckdb_destroy_logical_type(ref logicalType);
                }
            }
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    public int ColumnCount => _builders.Length;

    /// <summary>Reads up to <paramref name="maxRows"/> rows; null once no rows remain.</summary>
    public RecordBatch? ReadBatch(int maxRows)
    {
        var capacity = _remaining is { } remaining ? (int)Math.Min(remaining, maxRows) : Math.Min(maxRows, StreamingInitialCapacity);
        foreach (var builder in _builders)
        {
            builder.Start(capacity);
        }

        var rows = 0;
        while (rows < maxRows)
        {
            if (_chunk is null)
            {
                if (_exhausted)
                {
                    break;
                }

                _chunk = _result.FetchChunk(_sql);
                if (_chunk is null)
                {
                    _exhausted = true;
                    break;
                }

                _chunkRows = (int)NativeMethods.duckdb_data_chunk_get_size(_chunk.DangerousGetHandle());
                _chunkOffset = 0;
            }

            var take = Math.Min(maxRows - rows, _chunkRows - _chunkOffset);
            var chunk = _chunk.DangerousGetHandle();
            for (var c = 0; c < _builders.Length; c++)
            {
                _builders[c].Append(NativeMethods.duckdb_data_chunk_get_vector(chunk, (ulong)c), _chunkOffset, take);
            }

            _chunkOffset += take;
            rows += take;
            if (_chunkOffset == _chunkRows)
            {
                // Free native memory right away; DuckDB's allocator then reuses it for the next chunk.
                _chunk.Dispose();
                _chunk = null;
            }
        }

        _remaining -= rows;
        return rows == 0 ? null : Build();
    }

    /// <summary>The rows read since the last batch (zero if nothing was read) as a batch with the result's columns.</summary>
    public RecordBatch Build()
    {
        var columns = new Column[_builders.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = _builders[c].Build();
        }

        return new RecordBatch(columns);
    }

    public void Dispose()
    {
        _chunk?.Dispose();
        _chunk = null;
        _result.Dispose();
    }
}
