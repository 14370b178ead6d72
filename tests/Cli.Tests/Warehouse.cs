namespace StockLakehouse.Cli.Tests;

/// <summary>Read-only queries against a warehouse file produced by a run.</summary>
internal static class Warehouse
{
    public static long Scalar(string path, string sql)
    {
        using var connection = DuckDbWarehouse.OpenConnection(path);
        return connection.Scalar<long>(sql);
    }

    public static void Execute(string path, string sql)
    {
        using var connection = DuckDbWarehouse.OpenConnection(path);
        connection.Execute(sql);
    }

    /// <summary>A fingerprint of a whole table's contents, independent of physical row order.</summary>
    public static string Fingerprint(string path, string table, string orderBy)
    {
        using var connection = DuckDbWarehouse.OpenConnection(path);
        return connection.Scalar<string>($"SELECT md5(string_agg(CAST(t AS VARCHAR), '|' ORDER BY {orderBy})) FROM {table} t")!;
    }
}
