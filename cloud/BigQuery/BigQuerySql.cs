namespace StockLakehouse.Cloud.BigQuery;

/// <summary>How names and values are spelled in GoogleSQL (BigQuery's standard SQL).</summary>
public static class BigQuerySql
{
    /// <summary>
    /// A backtick-quoted identifier. Every generated identifier is quoted so a column named like a keyword
    /// can never change a statement's meaning.
    /// </summary>
    public static string Identifier(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return name.Contains('`', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal)
            ? throw new ArgumentException($"'{name}' cannot be a BigQuery identifier: it contains a backtick or a backslash.", nameof(name))
            : "`" + name + "`";
    }

    /// <summary>A single-quoted string literal; GoogleSQL escapes quotes and backslashes with a backslash.</summary>
    public static string Literal(string value) =>
        "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "'";
}
