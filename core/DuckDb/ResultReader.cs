using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.DuckDb;

/// <summary>
/// Turns a <c>duckdb_result</c> into <see cref="RecordBatch"/>es by pulling chunks with <c>duckdb_fetch_chunk</c> and
/// copying vector memory column by column. A chunk may be split across batches, so the current chunk and the
/// position in it survive between <see cref="ReadBatch"/> calls.
/// </summary>
internal sealed class ResultReader : IDisposable
{
    private readonly ResultHandle _result;

    private readonly string _sql;

    private readonly ColumnBuilder[] _builders;

    private DataChunkHandle? _chunk;

    private int _chunkRows;

    private int _chunkOffset;

    private bool _exhausted;

    /// <param name="result">Owned by the reader from here on.</param>
    /// <param name="sql">Quoted in errors raised while fetching.</param>
    /// <param name="capacityHint">Rows to allocate per column up front.</param>
    /// <param name="maxColumns">Read only the first columns (for scalars), so other columns' types do not matter.</param>
    public unsafe ResultReader(ResultHandle result, string sql, int capacityHint, int maxColumns = int.MaxValue)
    {
        _result = result;
        _sql = sql;
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
                    _builders[c] = ColumnBuilder.Create(name, logicalType, capacityHint);
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
        var rows = 0;
        while (rows < maxRows)
        {
            if (_chunk is null || _chunkOffset == _chunkRows)
            {
                _chunk?.Dispose();
                _chunk = _exhausted ? null : _result.FetchChunk(_sql);
                if (_chunk is null)
                {
                    _exhausted = true;
                    break;
                }

                _chunkRows = (int)NativeMethods.duckdb_data_chunk_get_size(_chunk.DangerousGetHandle());
                _chunkOffset = 0;
                continue;
            }

            var take = Math.Min(maxRows - rows, _chunkRows - _chunkOffset);
            var chunk = _chunk.DangerousGetHandle();
            for (var c = 0; c < _builders.Length; c++)
            {
                _builders[c].Append(NativeMethods.duckdb_data_chunk_get_vector(chunk, (ulong)c), _chunkOffset, take);
            }

            _chunkOffset += take;
            rows += take;
        }

        return rows == 0 ? null : Build();
    }

    /// <summary>Whatever has been read so far (possibly zero rows) as a batch with the result's columns.</summary>
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
