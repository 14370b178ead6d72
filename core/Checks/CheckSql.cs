using System.Globalization;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;
using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Core.Checks;

/// <summary>
/// Turns the checks of schemas/ into SQL that selects the violating rows. Every table also gets a
/// uniqueness check on its key and a NOT NULL check per REQUIRED column. The SQL uses only what DuckDB
/// and BigQuery share (LEAST, GREATEST, EXTRACT, DATE literals, NOT IN subqueries), so the same checks can
/// run on both warehouses.
/// </summary>
public static class CheckSql
{
    /// <param name="Sql">The shared SQL selecting the rows that violate the check.</param>
    /// <param name="Keys">
    /// For a uniqueness or same-keys check over a key that ends in a DATE or INT64 column: what it tests, for an
    /// engine that can prove it passes without running <paramref name="Sql"/> (DuckDB, <c>KeyProofs</c>); null otherwise.
    /// </param>
    public sealed record Check(string Table, string Name, string Description, string Sql, KeyCheck? Keys = null)
    {
        /// <summary>
        /// For a check each row passes or fails on its own values (NOT NULL, expression) or on them and the values of
        /// another table it looks up (<see cref="Referenced"/>: a relationship): the condition a violating row meets, so
        /// that an engine can run the check over some of the table's rows (<c>SELECT * FROM rows WHERE condition</c>, as
        /// <see cref="Sql"/> does over the table); null for a check that compares rows of the table or reads it whole.
        /// </summary>
        public string? RowCondition { get; init; }

        /// <summary>
        /// With a relationship's <see cref="RowCondition"/>: the query of the values the condition looks up (one column),
        /// so that an engine reading only some rows can tell whether a row outside them that passed before still does:
        /// it does while every value the query returned then is still returned.
        /// </summary>
        public string? Referenced { get; init; }

        /// <summary>With <see cref="RowCondition"/>: the table's lake partition column and the date column of its key (null when it has none).</summary>
        public (string Partition, string? Date)? RowScope { get; init; }
    }

    public static IEnumerable<Check> For(TableSchema table, DateOnly expectedLatestTradeDate)
    {
        var t = DuckDbSql.Identifier(table.Name);
        (string, string?)? scope = table.LakePartition is { } partition ? (partition, LoadSql.ChangeDateColumn(table)) : null;
        Check Rows(string name, string description, string condition) =>
            new(table.Name, name, description, $"SELECT * FROM {t} WHERE {condition}") { RowCondition = condition, RowScope = scope };
        yield return Unique(table, "key_unique", table.Key, $"The key ({string.Join(", ", table.Key)}) is unique.");
        foreach (var field in table.Fields.Where(f => f.Required))
        {
            yield return Rows($"not_null_{field.Name}", $"{field.Name} is never NULL.", $"{DuckDbSql.Identifier(field.Name)} IS NULL");
        }

        foreach (var check in table.Checks)
        {
            yield return check.Kind switch
            {
                CheckKind.Unique => Unique(table, check.Name, check.Columns, check.Description),
                CheckKind.Expression => Rows(check.Name, check.Description, $"({check.Expression}) IS NOT TRUE"),
                CheckKind.Relationship => Relationship(table, check, scope),
                CheckKind.Freshness => new Check(
                    table.Name,
                    check.Name,
                    $"{check.Description} Expected {expectedLatestTradeDate:yyyy-MM-dd}.",
                    string.Create(CultureInfo.InvariantCulture, $"SELECT MAX({DuckDbSql.Identifier(check.Column!)}) AS latest, DATE '{expectedLatestTradeDate:yyyy-MM-dd}' AS expected FROM {t} HAVING MAX({DuckDbSql.Identifier(check.Column!)}) IS NULL OR MAX({DuckDbSql.Identifier(check.Column!)}) < DATE '{expectedLatestTradeDate:yyyy-MM-dd}'")),
                CheckKind.SameKeys => SameKeys(table, check),
                _ => throw new InvalidOperationException($"Check kind {check.Kind} has no SQL."),
            };
        }
    }

    /// <summary>
    /// The check that every mart view and the correlation table exist: the load creates them last, so a warehouse
    /// without them did not finish loading. Reads <c>information_schema.tables</c>, which DuckDB and BigQuery both have.
    /// </summary>
    public static Check MartsExist(MartCatalog marts)
    {
        ArgumentNullException.ThrowIfNull(marts);
        var expected = string.Join(" UNION ALL ", marts.Views.Select(v => v.Name).Prepend(MartCatalog.CorrelationTable).Select(n => $"SELECT {DuckDbSql.Literal(n)} AS missing"));
        return new Check(
            MartCatalog.FolderName,
            "marts_exist",
            $"The mart views ({string.Join(", ", marts.Views.Select(v => v.Name))}) and {MartCatalog.CorrelationTable} exist.",
            $"SELECT expected.missing FROM ({expected}) AS expected WHERE expected.missing NOT IN (SELECT table_name FROM information_schema.tables)");
    }

    private static Check SameKeys(TableSchema table, CheckDefinition check)
    {
        var key = table.Key.Select(DuckDbSql.Identifier).ToArray();
        var first = key[0];
        var on = string.Join(" AND ", key.Select(k => $"a.{k} = b.{k}"));
        var keys = string.Join(", ", key.Select(k => $"COALESCE(a.{k}, b.{k}) AS {k}"));
        return new Check(
            table.Name,
            check.Name,
            check.Description,
            $"SELECT {keys}, CASE WHEN a.{first} IS NULL THEN {DuckDbSql.Literal("only in " + check.References)} ELSE {DuckDbSql.Literal("only in " + table.Name)} END AS problem "
            + $"FROM {DuckDbSql.Identifier(table.Name)} AS a FULL OUTER JOIN {DuckDbSql.Identifier(check.References!)} AS b ON {on} WHERE a.{first} IS NULL OR b.{first} IS NULL",
            Keys(table, table.Key, check.References));
    }

    private static Check Unique(TableSchema table, string name, IReadOnlyList<string> columns, string description)
    {
        var list = string.Join(", ", columns.Select(DuckDbSql.Identifier));
        return new Check(table.Name, name, description, $"SELECT {list}, COUNT(*) AS copies FROM {DuckDbSql.Identifier(table.Name)} GROUP BY {list} HAVING COUNT(*) > 1", Keys(table, columns, null));
    }

    /// <summary>The <see cref="KeyCheck"/> of a key whose last column is a DATE or INT64 after at least one other; null for any other key.</summary>
    private static KeyCheck? Keys(TableSchema table, IReadOnlyList<string> columns, string? sameKeysAs)
    {
        if (columns.Count < 2)
        {
            return null;
        }

        var ordinal = table.Field(columns[^1]).ColumnType;
        return ordinal is ColumnType.Date or ColumnType.Int64
            ? new KeyCheck(table.Name, [.. columns.Take(columns.Count - 1)], columns[^1], ordinal == ColumnType.Date, sameKeysAs)
            : null;
    }

    private static Check Relationship(TableSchema table, CheckDefinition check, (string, string?)? scope)
    {
        var parts = check.References!.Split('.');
        var (refTable, refColumn) = (DuckDbSql.Identifier(parts[0]), DuckDbSql.Identifier(parts[1]));
        var column = DuckDbSql.Identifier(check.Column!);
        var filter = check.Where is null ? $"{refColumn} IS NOT NULL" : $"({check.Where}) AND {refColumn} IS NOT NULL";
        var referenced = $"SELECT {refColumn} FROM {refTable} WHERE {filter}";
        var condition = $"{column} IS NOT NULL AND {column} NOT IN ({referenced})";
        return new Check(table.Name, check.Name, check.Description, $"SELECT * FROM {DuckDbSql.Identifier(table.Name)} WHERE {condition}")
        {
            RowCondition = condition,
            RowScope = scope,
            Referenced = referenced,
        };
    }
}
