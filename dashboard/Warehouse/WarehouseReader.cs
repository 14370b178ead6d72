using System.Data.Common;
using DuckDB.NET.Data;

namespace StockLakehouse.Dashboard.Warehouse;

/// <summary>A read-only connection to the DuckDB warehouse file (DuckDB.NET), so building a page never changes the warehouse.</summary>
internal sealed class WarehouseReader : IAsyncDisposable
{
    private readonly DuckDBConnection _connection;

    private WarehouseReader(DuckDBConnection connection) => _connection = connection;

    public static async Task<WarehouseReader> OpenAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"There is no warehouse at '{path}'; run 'make run' (or lakehouse run/load) first.", path);
        }

        var settings = new DuckDBConnectionStringBuilder { DataSource = path };
        settings["ACCESS_MODE"] = "READ_ONLY";
        var connection = new DuckDBConnection(settings.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return new WarehouseReader(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs <paramref name="sql"/> and hands its rows to <paramref name="read"/>.</summary>
    public async Task<T> QueryAsync<T>(string sql, Func<DbDataReader, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await read(reader).ConfigureAwait(false);
    }

    public async Task<T?> ScalarAsync<T>(string sql, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
