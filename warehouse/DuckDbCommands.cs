using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;
using StockLakehouse.Core.Tables;

namespace StockLakehouse.Warehouse;

/// <summary>
/// The few ADO.NET calls the warehouse, its checks and the tests make on a <see cref="DuckDBConnection"/>, with values
/// passed as positional parameters (<c>$1</c>, <c>$2</c>, …) rather than spliced into the SQL.
/// </summary>
public static class DuckDbCommands
{
    public static int Execute(this DuckDBConnection connection, string sql, params object?[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row, converted to <typeparamref name="T"/>; default when it is NULL.</summary>
    public static T Scalar<T>(this DuckDBConnection connection, string sql, params object?[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteScalar() switch
        {
            null or DBNull => default!,
            T value => value,
            var value => (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// A small result (check samples, diagnostics, tests) as a <see cref="RecordBatch"/>: BOOLEAN, INTEGER, BIGINT,
    /// DOUBLE, DATE and TIMESTAMP keep their types, anything else becomes its text. Not for bulk reads: values pass
    /// through ADO.NET one by one.
    /// </summary>
    public static RecordBatch Query(this DuckDBConnection connection, string sql, params object?[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var types = Enumerable.Range(0, reader.FieldCount).Select(reader.GetFieldType).ToArray();
        var values = names.Select(_ => new List<object?>()).ToArray();
        while (reader.Read())
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i].Add(reader.IsDBNull(i) ? null : reader.GetValue(i));
            }
        }

        return new RecordBatch(names.Select((name, i) => ColumnOf(name, types[i], values[i])).ToArray());
    }

    /// <summary>Runs <paramref name="sql"/> and hands its rows, streamed, to <paramref name="read"/>: for results too large for <see cref="Query"/>.</summary>
    public static async Task<T> ReadAsync<T>(this DuckDBConnection connection, string sql, IReadOnlyList<object?> parameters, Func<DbDataReader, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        await using var command = Command(connection, sql, [.. parameters]);
        // DuckDB.NET materialises a whole result unless asked to stream it chunk by chunk.
        command.UseStreamingMode = true;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await read(reader).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="call"/> on <paramref name="connection"/> so that <paramref name="cancellationToken"/> interrupts
    /// the statement DuckDB is executing (<c>duckdb_interrupt</c>, which is what <see cref="DuckDBCommand.Cancel"/> calls);
    /// the interrupted statement's error then surfaces as an <see cref="OperationCanceledException"/>. An interrupt that
    /// arrives between statements does not carry over to the next one, so the token is also checked before starting.
    /// </summary>
    public static T Interruptible<T>(this DuckDBConnection connection, CancellationToken cancellationToken, Func<DuckDBConnection, T> call)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(call);
        cancellationToken.ThrowIfCancellationRequested();
        using var interrupt = connection.CreateCommand();
        using var registration = cancellationToken.Register(interrupt.Cancel);
        try
        {
            return call(connection);
        }
        catch (Exception e) when (e is DuckDBException or OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            // DuckDB reports the interrupt as an error of the statement (DuckDB.NET may already wrap it as a
            // cancellation without a token); either way it is this token's cancellation.
            throw new OperationCanceledException($"DuckDB's statement was interrupted on cancellation ({e.Message}).", e, cancellationToken);
        }
    }

    private static DuckDBCommand Command(DuckDBConnection connection, string sql, object?[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(parameter ?? DBNull.Value));
        }

        return command;
    }

    private static Column ColumnOf(string name, Type type, List<object?> values)
    {
        var validity = values.Select(v => v is not null).ToArray();
        return type switch
        {
            _ when type == typeof(bool) => new BooleanColumn(name, values.Select(v => v is bool b && b).ToArray(), validity),
            _ when type == typeof(int) => new Int32Column(name, values.Select(v => v is int i ? i : 0).ToArray(), validity),
            _ when type == typeof(long) => new Int64Column(name, values.Select(v => v is long l ? l : 0).ToArray(), validity),
            _ when type == typeof(double) => new DoubleColumn(name, values.Select(v => v is double d ? d : 0).ToArray(), validity),
            _ when type == typeof(DateOnly) => new DateColumn(name, values.Select(v => v is DateOnly d ? d : default).ToArray(), validity),
            _ when type == typeof(DateTime) => new TimestampColumn(name, values.Select(v => v is DateTime t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : default).ToArray(), validity),
            _ => new StringColumn(name, values.Select(v => v switch
            {
                null => null,
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => v.ToString(),
            }).ToArray()),
        };
    }
}
