using DuckDB.NET.Data;

namespace StockLakehouse.Dashboard.Tests;

/// <summary>The test's own read-only queries against the warehouse (DuckDB.NET), to compare with what the page shows.</summary>
internal static class WarehouseQueries
{
    public static T Scalar<T>(string warehouse, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={warehouse};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
