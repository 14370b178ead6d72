using StockLakehouse.Warehouse;

namespace StockLakehouse.Dashboard.Tests;

/// <summary>The test's own read-only queries against the warehouse, to compare with what the page shows.</summary>
internal static class WarehouseQueries
{
    public static T Scalar<T>(string warehouse, string sql, params object?[] parameters)
    {
        using var connection = DuckDbWarehouse.OpenConnection(warehouse, readOnly: true);
        return connection.Scalar<T>(sql, parameters);
    }

    public static Core.Tables.RecordBatch Query(string warehouse, string sql, params object?[] parameters)
    {
        using var connection = DuckDbWarehouse.OpenConnection(warehouse, readOnly: true);
        return connection.Query(sql, parameters);
    }
}
