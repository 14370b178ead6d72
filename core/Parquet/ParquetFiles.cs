using System.Collections.Concurrent;
using StockLakehouse.Core.DuckDb;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.Parquet;

/// <summary>
/// Writes and reads Parquet files through an in-memory DuckDB (ZSTD, one row group per 122,880 rows).
/// Safe for concurrent use: each call borrows its own connection from a pool. DuckDB is opened on first use, so
/// a command that never touches Parquet (extract) runs without its native library.
/// </summary>
public sealed class ParquetFiles : IDisposable
{
    private readonly Lazy<DuckDbDatabase> _database;
    private readonly ConcurrentBag<DuckDbConnection> _idle = [];
    private int _tableCounter;

    public ParquetFiles(int threads = 1)
    {
        _database = new Lazy<DuckDbDatabase>(() =>
        {
            var database = DuckDbDatabase.Open();
            using var setup = database.Connect();
            setup.Execute($"SET threads = {Math.Max(1, threads)}; SET preserve_insertion_order = true;");
            return database;
        });
    }

    /// <summary>Writes <paramref name="batch"/> (already verified against <paramref name="table"/>) to a new Parquet file at <paramref name="path"/>.</summary>
    public void Write(TableSchema table, RecordBatch batch, string path)
    {
        table.Verify(batch);
        var buffer = $"buffer_{Interlocked.Increment(ref _tableCounter)}";
        Use(connection =>
        {
            connection.Execute($"CREATE TEMP TABLE {buffer} ({DuckDbSql.ColumnDefinitions(table, notNull: false)})");
            try
            {
                connection.Append(buffer, batch);
                connection.Execute($"COPY {buffer} TO {DuckDbSql.Literal(path)} (FORMAT parquet, COMPRESSION zstd)");
            }
            finally
            {
                connection.Execute($"DROP TABLE IF EXISTS {buffer}");
            }
        });
    }

    /// <summary>Reads a whole Parquet file written for <paramref name="table"/>, columns in the schema's order.</summary>
    public RecordBatch Read(TableSchema table, string path)
    {
        var columns = string.Join(", ", table.Fields.Select(f => DuckDbSql.Identifier(f.Name)));
        return Query($"SELECT {columns} FROM read_parquet({DuckDbSql.Literal(path)})");
    }

    public RecordBatch Query(string sql)
    {
        RecordBatch? result = null;
        Use(connection => result = connection.Query(sql));
        return result!;
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }

        if (_database.IsValueCreated)
        {
            _database.Value.Dispose();
        }
    }

    private void Use(Action<DuckDbConnection> action)
    {
        var connection = _idle.TryTake(out var idle) ? idle : _database.Value.Connect();
        try
        {
            action(connection);
        }
        finally
        {
            _idle.Add(connection);
        }
    }
}
