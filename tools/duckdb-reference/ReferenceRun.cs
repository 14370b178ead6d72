using System.Diagnostics;
using DuckDB.NET.Data;

namespace StockLakehouse.DuckDbReference;

/// <summary>
/// One run of the reference SQL: a new database file, the variable <c>raw_glob</c> set to the raw chart objects,
/// the SQL file run as one batch, and the loaded fact table counted.
/// </summary>
internal static class ReferenceRun
{
    /// <summary>The table the SQL file loads.</summary>
    public const string FactTable = "fact_stock_price_reference";

    /// <summary>Runs <paramref name="sqlFile"/> into the new database <paramref name="database"/> over the files matching <paramref name="rawGlob"/>.</summary>
    /// <exception cref="IOException">The database file already exists.</exception>
    public static async Task<ReferenceResult> ExecuteAsync(string database, string rawGlob, string sqlFile, int? threads, CancellationToken cancellationToken)
    {
        database = Path.GetFullPath(database);
        if (File.Exists(database))
        {
            throw new IOException($"The database file '{database}' already exists; the reference loads into a new one.");
        }

        var sql = await File.ReadAllTextAsync(sqlFile, cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var connection = new DuckDBConnection($"Data Source={database}");
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, "SET VARIABLE raw_glob = $glob", rawGlob, cancellationToken).ConfigureAwait(false);
            if (threads is { } count)
            {
                await ExecuteAsync(connection, $"SET threads = {count}", null, cancellationToken).ConfigureAwait(false);
            }

            await ExecuteAsync(connection, sql, null, cancellationToken).ConfigureAwait(false);
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = $"SELECT count(*), count(ema_12), count(sma_50) FROM {FactTable}";
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    clock.Stop();
                    return new ReferenceResult(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), clock.Elapsed);
                }
            }
        }
    }

    private static async Task ExecuteAsync(DuckDBConnection connection, string sql, string? glob, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            if (glob is not null)
            {
                command.Parameters.Add(new DuckDBParameter("glob", glob));
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
