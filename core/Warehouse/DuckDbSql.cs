using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;

namespace StockLakehouse.Core.Warehouse;

/// <summary>How schemas/ declarations and values are spelled in DuckDB SQL.</summary>
public static class DuckDbSql
{
    public static string TypeOf(ColumnType type) => type switch
    {
        ColumnType.Boolean => "BOOLEAN",
        ColumnType.Int32 => "INTEGER",
        ColumnType.Int64 => "BIGINT",
        ColumnType.Double => "DOUBLE",
        ColumnType.Date => "DATE",
        ColumnType.Timestamp => "TIMESTAMP",
        ColumnType.String => "VARCHAR",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "The column type has no DuckDB spelling."),
    };

    /// <summary>The column list of a CREATE TABLE for <paramref name="table"/>, with NOT NULL on REQUIRED columns when asked.</summary>
    public static string ColumnDefinitions(TableSchema table, bool notNull) =>
        string.Join(", ", table.Fields.Select(f => $"{Identifier(f.Name)} {TypeOf(f.ColumnType)}{(notNull && f.Required ? " NOT NULL" : string.Empty)}"));

    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
