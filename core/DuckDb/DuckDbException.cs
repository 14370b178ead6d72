namespace StockLakehouse.Core.DuckDb;

/// <summary>
/// DuckDB reported an error. The message carries DuckDB's own text and, for queries, the start of the SQL so a log
/// line alone identifies the failing statement; <see cref="DuckDbError"/> and <see cref="Sql"/> keep the full values.
/// </summary>
public sealed class DuckDbException : Exception
{
    /// <summary>How much SQL the message quotes; statements from jobs can be pages long.</summary>
    internal const int MaxSqlInMessage = 400;

    public DuckDbException()
    {
    }

    public DuckDbException(string message)
        : base(message)
    {
    }

    public DuckDbException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal DuckDbException(string message, string? duckDbError, string? sql)
        : base(message)
    {
        DuckDbError = duckDbError;
        Sql = sql;
    }

    /// <summary>DuckDB's error text, when DuckDB supplied one.</summary>
    public string? DuckDbError { get; }

    /// <summary>The complete SQL that failed, when the error came from a query.</summary>
    public string? Sql { get; }

    internal static DuckDbException QueryFailed(string? duckDbError, string sql)
    {
        var error = string.IsNullOrWhiteSpace(duckDbError) ? "unknown error" : duckDbError;
        return new DuckDbException($"DuckDB query failed: {error}{Environment.NewLine}SQL: {Truncate(sql)}", duckDbError, sql);
    }

    internal static string Truncate(string sql)
    {
        var trimmed = sql.Trim();
        return trimmed.Length <= MaxSqlInMessage ? trimmed : string.Concat(trimmed.AsSpan(0, MaxSqlInMessage), "…");
    }
}
