namespace StockLakehouse.Core.DuckDb;

/// <summary>SQL spellings of DuckDB type ids, so errors name types the way a user would write them in a query.</summary>
internal static class DuckDbTypeNames
{
    internal static string ToSql(DuckDbType type) => type switch
    {
        DuckDbType.Boolean => "BOOLEAN",
        DuckDbType.TinyInt => "TINYINT",
        DuckDbType.SmallInt => "SMALLINT",
        DuckDbType.Integer => "INTEGER",
        DuckDbType.BigInt => "BIGINT",
        DuckDbType.UTinyInt => "UTINYINT",
        DuckDbType.USmallInt => "USMALLINT",
        DuckDbType.UInteger => "UINTEGER",
        DuckDbType.UBigInt => "UBIGINT",
        DuckDbType.Float => "FLOAT",
        DuckDbType.Double => "DOUBLE",
        DuckDbType.Timestamp => "TIMESTAMP",
        DuckDbType.Date => "DATE",
        DuckDbType.Time => "TIME",
        DuckDbType.Interval => "INTERVAL",
        DuckDbType.HugeInt => "HUGEINT",
        DuckDbType.UHugeInt => "UHUGEINT",
        DuckDbType.Varchar => "VARCHAR",
        DuckDbType.Blob => "BLOB",
        DuckDbType.Decimal => "DECIMAL",
        DuckDbType.TimestampS => "TIMESTAMP_S",
        DuckDbType.TimestampMs => "TIMESTAMP_MS",
        DuckDbType.TimestampNs => "TIMESTAMP_NS",
        DuckDbType.Enum => "ENUM",
        DuckDbType.List => "LIST",
        DuckDbType.Struct => "STRUCT",
        DuckDbType.Map => "MAP",
        DuckDbType.Uuid => "UUID",
        DuckDbType.Union => "UNION",
        DuckDbType.Bit => "BIT",
        DuckDbType.TimeTz => "TIME WITH TIME ZONE",
        DuckDbType.TimestampTz => "TIMESTAMP WITH TIME ZONE",
        DuckDbType.Array => "ARRAY",
        DuckDbType.Any => "ANY",
        DuckDbType.BigNum => "BIGNUM",
        DuckDbType.SqlNull => "NULL",
        DuckDbType.TimeNs => "TIME_NS",
        _ => $"type id {(int)type}",
    };
}
