using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Warehouse;
using StockLakehouse.Warehouse;

namespace StockLakehouse.Cloud.Tests.Support;

/// <summary>
/// An in-memory DuckDB that runs generated GoogleSQL where DuckDB speaks the same statements: tables are built from
/// schemas/ (without NOT NULL, so a test fills only the columns it needs), and the dataset-qualified backtick names of
/// <see cref="Dataset"/> are turned into DuckDB's quoted names (and escaped quotes into DuckDB's) before a statement runs.
/// </summary>
internal sealed partial class BigQueryOnDuckDb : IDisposable
{
    public static readonly BigQueryDataset Dataset = new("proj", "ds");

    public DuckDBConnection Connection { get; } = DuckDbWarehouse.OpenConnection(":memory:");

    /// <summary>Creates table <paramref name="name"/> with the columns of <paramref name="schema"/> (the table of that name by default).</summary>
    public void Create(string name, TableSchema? schema = null) =>
        Connection.Execute($"CREATE TABLE {DuckDbSql.Identifier(name)} ({DuckDbSql.ColumnDefinitions(schema ?? Catalogs.Table(name), notNull: false)})");

    /// <summary>
    /// <paramref name="googleSql"/> with <c>`proj.ds.table`</c> as <c>"table"</c>, GoogleSQL's escaped quote <c>\'</c>
    /// inside a string literal as DuckDB's <c>''</c>, and GoogleSQL's list of values
    /// (<c>SELECT `c` FROM UNNEST(ARRAY&lt;STRING&gt;[…]) AS `c`</c>) as DuckDB's (<c>SELECT unnest([…]) AS "c"</c>).
    /// </summary>
    public static string Translate(string googleSql) =>
        UnnestedList().Replace(
            googleSql
                .Replace($"`{Dataset.Project}.{Dataset.Dataset}.", "`", StringComparison.Ordinal)
                .Replace("\\'", "''", StringComparison.Ordinal)
                // BigQuery hashes to bytes and hex-encodes them; DuckDB's sha256 gives the lower-case hex at once.
                .Replace("TO_HEX(SHA256(", "lower(sha256(", StringComparison.Ordinal),
            "SELECT unnest($2) AS `$1`").Replace('`', '"');

    [GeneratedRegex(@"SELECT `(\w+)` FROM UNNEST\(ARRAY<STRING>(\[[^\]]*\])\) AS `\1`")]
    private static partial Regex UnnestedList();

    public void Dispose() => Connection.Dispose();
}
