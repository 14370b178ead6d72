using System.Globalization;
using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.DuckDb;

/// <summary>
/// A session on a <see cref="DuckDbDatabase"/> with its own transaction state. Use it from one thread at a time;
/// open one connection per thread for parallel work. Results are read columnar through data chunks.
/// </summary>
public sealed class DuckDbConnection : IDisposable
{
    private readonly ConnectionHandle _handle;

    // The handle stays open while a streaming result still references it, so it cannot tell whether Dispose was called.
    private bool _disposed;

    internal DuckDbConnection(ConnectionHandle handle)
    {
        _handle = handle;
    }

    /// <summary>Runs one or more semicolon-separated statements, discarding any results.</summary>
    /// <exception cref="DuckDbException">A statement failed; statements before it have already run.</exception>
    public void Execute(string sql)
    {
        using var result = Run(sql);
    }

    /// <summary>
    /// Runs one or more statements and returns the number of rows the last one inserted, updated or deleted
    /// (0 for statements that change no rows).
    /// </summary>
    public long ExecuteNonQuery(string sql)
    {
        using var result = Run(sql);
        unsafe
        {
            return (long)NativeMethods.duckdb_rows_changed(result.Result);
        }
    }

    /// <summary>
    /// The first column of the first row, converted to <typeparamref name="T"/> (long, int, double, bool, string,
    /// DateOnly, DateTimeOffset or their nullable forms); <c>default</c> when the value is NULL or there are no rows.
    /// Use a nullable <typeparamref name="T"/> such as <c>long?</c> to tell NULL from zero.
    /// </summary>
    /// <exception cref="InvalidCastException">The value cannot be represented as <typeparamref name="T"/>.</exception>
    public T? Scalar<T>(string sql)
    {
        using var reader = new ResultReader(Run(sql), sql, maxColumns: 1);
        RequireColumns(reader, sql);
        var value = reader.ReadBatch(1)?.Columns[0].GetValue(0);
        return ConvertScalar<T>(value, sql);
    }

    /// <summary>Runs <paramref name="sql"/> and reads the whole result (of the last statement) into one batch.</summary>
    /// <exception cref="NotSupportedException">A result column has a DuckDB type with no <see cref="ColumnType"/>.</exception>
    public RecordBatch Query(string sql)
    {
        using var reader = new ResultReader(Run(sql), sql);
        RequireColumns(reader, sql);
        var batch = reader.ReadBatch(Array.MaxLength) ?? reader.Build();
        return reader.ReadBatch(1) is null
            ? batch
            : throw new InvalidOperationException(
                $"The result has more than {Array.MaxLength} rows, too many for one batch; use QueryBatches. SQL: {DuckDbException.Truncate(sql)}");
    }

    /// <summary>
    /// Streams the result of the last statement in <paramref name="sql"/> as batches of at most
    /// <paramref name="maxRowsPerBatch"/> rows, fetching chunks from DuckDB only as batches are consumed; an empty
    /// result yields no batches. The SQL runs when enumeration starts, and the connection must not be used for anything
    /// else until the enumeration ends (dispose the enumerator to stop early).
    /// </summary>
    public IEnumerable<RecordBatch> QueryBatches(string sql, int maxRowsPerBatch)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRowsPerBatch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Stream(sql, maxRowsPerBatch);
    }

    /// <summary>Creates an appender for <paramref name="table"/> (a plain name, not quoted SQL) in <paramref name="schema"/>.</summary>
    public DuckDbAppender CreateAppender(string table, string? schema = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new DuckDbAppender(_handle, table, schema);
    }

    /// <summary>
    /// Appends <paramref name="batch"/> to <paramref name="table"/> and flushes. Columns map by position and must
    /// match the table's column count and types.
    /// </summary>
    public void Append(string table, RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var appender = CreateAppender(table);
        appender.Append(batch);
    }

    public void Dispose()
    {
        _disposed = true;
        _handle.Dispose();
    }

    private static void RequireColumns(ResultReader reader, string sql)
    {
        if (reader.ColumnCount == 0)
        {
            throw new InvalidOperationException(
                $"The statement returned no columns; use Execute for statements without a result. SQL: {DuckDbException.Truncate(sql)}");
        }
    }

    private static T? ConvertScalar<T>(object? value, string sql)
    {
        if (value is null)
        {
            return default;
        }

        if (value is T typed)
        {
            return typed;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        object converted;
        try
        {
            converted = value switch
            {
                DateOnly date when target == typeof(string) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateTimeOffset instant when target == typeof(string) => instant.ToString("O", CultureInfo.InvariantCulture),
                IConvertible when target.IsPrimitive || target == typeof(string) || target == typeof(decimal) =>
                    Convert.ChangeType(value, target, CultureInfo.InvariantCulture),
                _ => throw new InvalidCastException(),
            };
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException)
        {
            throw new InvalidCastException(
                $"The scalar {value} ({value.GetType().Name}) cannot be converted to {typeof(T).Name}. SQL: {DuckDbException.Truncate(sql)}",
                ex);
        }

        return (T)converted;
    }

    private ResultHandle Run(string sql)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ResultHandle.Execute(_handle, sql, streaming: false);
    }

    private IEnumerable<RecordBatch> Stream(string sql, int maxRowsPerBatch)
    {
        using var reader = new ResultReader(ResultHandle.Execute(_handle, sql, streaming: true), sql);
        RequireColumns(reader, sql);
        while (reader.ReadBatch(maxRowsPerBatch) is { } batch)
        {
            yield return batch;
        }
    }
}
