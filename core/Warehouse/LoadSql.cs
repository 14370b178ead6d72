using System.Globalization;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Core.Warehouse;

/// <summary>
/// The load of one table, written once in the SQL DuckDB and BigQuery share (as <see cref="Checks.CheckSql"/> writes
/// the checks): BigQuery stages the table's changed lake files in a staging table and DuckDB reads them in place
/// (<c>read_parquet</c>), then each runs these statements, DuckDB as they are and BigQuery through its translator,
/// which only re-quotes and qualifies names. In order:
/// <list type="number">
/// <item><see cref="Reconcile"/> (partitioned tables): rows of partitions the lake no longer holds are deleted, so a
/// symbol whose partition disappeared from the lake leaves the warehouse too;</item>
/// <item><see cref="DeleteMissing"/>: rows of the staged partitions (the whole table when it has no lake partition)
/// that staging no longer has are deleted;</item>
/// <item><see cref="Merge"/>: rows whose values changed are updated (<c>IS DISTINCT FROM</c>, so NULLs compare as
/// values) and new keys inserted, so merging the same rows twice changes nothing. For a batch bounded by a date,
/// DuckDB runs the MERGE as two statements of the same effect, <see cref="DeleteChangedFrom"/> then
/// <see cref="InsertMissingFrom"/>: its UPDATE rewrites at checkpoint every row group it touched, which a day's
/// changes spread over all of them.</item>
/// </list>
/// An empty target takes <see cref="Insert"/> instead of the delete and the MERGE. Which partitions are staged at all
/// is <see cref="LoadPartitionsSql"/>'s record: only those whose file changed since they were loaded. Partitions known
/// to differ from what the target holds only from a date on take that date as a bound (<see cref="ChangeDateColumn"/>):
/// the delete and the MERGE then read and compare only the rows on or after it.
/// </summary>
/// <remarks>
/// The staged-partition delete is a DELETE before the MERGE rather than <c>WHEN NOT MATCHED BY SOURCE</c>, because
/// its scope ("partitions present in staging") needs a subquery; each engine runs the statements of one staging
/// batch in one transaction.
/// </remarks>
public static class LoadSql
{
    /// <summary>The statements of one load of <paramref name="table"/> from <paramref name="staging"/>, in order.</summary>
    /// <param name="lakePartitions">A relation with one column, named as the table's lake partition, listing every partition the lake holds.</param>
    public static IReadOnlyList<string> Statements(TableSchema table, string staging, string lakePartitions)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.LakePartition is null
            ? [DeleteMissing(table, staging), Merge(table, staging)]
            : [Reconcile(table, lakePartitions), DeleteMissing(table, staging), Merge(table, staging)];
    }

    /// <summary>Deletes the rows of partitions that <paramref name="lakePartitions"/> does not list.</summary>
    public static string Reconcile(TableSchema table, string lakePartitions)
    {
        ArgumentNullException.ThrowIfNull(table);
        var partition = DuckDbSql.Identifier(table.LakePartition
            ?? throw new ArgumentException($"Table '{table.Name}' has no lake partition to reconcile.", nameof(table)));
        return $"DELETE FROM {DuckDbSql.Identifier(table.Name)} AS t\nWHERE t.{partition} NOT IN (SELECT {partition} FROM {DuckDbSql.Identifier(lakePartitions)})";
    }

    /// <summary>
    /// Deletes the rows of the staged partitions (every row when the table has no lake partition) that staging does not
    /// have. The staged partitions are <paramref name="stagedPartitions"/> when given — a relation with one column, named
    /// as the table's lake partition, listing the partitions whose files were staged, so a partition file with no rows
    /// (a symbol whose every raw object was quarantined) still empties its partition — else those present in staging.
    /// </summary>
    public static string DeleteMissing(TableSchema table, string staging, string? stagedPartitions = null) =>
        DeleteMissingFrom(table, DuckDbSql.Identifier(staging), stagedPartitions is null ? null : DuckDbSql.Identifier(stagedPartitions));

    /// <summary>
    /// <see cref="DeleteMissing"/> with the staged rows read from <paramref name="source"/>, a relation as the engine
    /// spells it (a quoted table name, or a table function reading the lake files straight away), and the staged
    /// partitions from the relation <paramref name="stagedPartitions"/> (spelled likewise) when given.
    /// </summary>
    /// <param name="changedPartitions">
    /// The staged partitions as values, when known: the statement then also carries them as a constant filter on the
    /// target (<see cref="PartitionFilter"/>), which engines can prune by. They must include every partition the
    /// staged relation lists.
    /// </param>
    /// <param name="since">
    /// The bound of a load of partitions that differ from what the target holds only in rows dated on or after it
    /// (<see cref="ChangeDateColumn"/>): only target rows from that date on are deleted, and only staged rows from
    /// that date on are read. Null: the whole of each staged partition.
    /// </param>
    public static string DeleteMissingFrom(TableSchema table, string source, string? stagedPartitions = null, IReadOnlyCollection<string>? changedPartitions = null, DateOnly? since = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        // The scope lists the partitions of the unbounded relation: a staged file with no row on or after the bound
        // still empties its partition from the bound on.
        var scope = table.LakePartition is { } p
            ? $"{FilterAnd(table, changedPartitions)}t.{DuckDbSql.Identifier(p)} IN (SELECT DISTINCT {DuckDbSql.Identifier(p)} FROM {stagedPartitions ?? source})\n  AND "
            : string.Empty;
        return $"DELETE FROM {DuckDbSql.Identifier(table.Name)} AS t\nWHERE {BoundAnd(table, since)}{scope}NOT EXISTS (SELECT 1 FROM {Bounded(table, source, since)} AS s WHERE {KeyMatch(table)})";
    }

    /// <summary>Updates the rows whose non-key values changed and inserts the new keys.</summary>
    public static string Merge(TableSchema table, string staging) => MergeFrom(table, DuckDbSql.Identifier(staging));

    /// <summary><see cref="Merge"/> with the staged rows read from <paramref name="source"/>, a relation as the engine spells it.</summary>
    /// <param name="changedPartitions">
    /// The partitions the staged rows belong to, when known: the match then also requires the target row to lie in
    /// them, a constant filter on the target (<see cref="PartitionFilter"/>) that engines can prune by. That matches the
    /// same rows as without it only when every staged row's partition value is among them, which holds for a load of
    /// changed partition files: each file holds the rows of its own partition alone (gold writes a partition per
    /// symbol, its rows carrying that symbol), so a staged row can only match a target row of its own partition.
    /// </param>
    /// <param name="since">
    /// The bound of a load of partitions that differ from what the target holds only in rows dated on or after it
    /// (<see cref="ChangeDateColumn"/>): only staged rows from that date on are read, and the match also requires the
    /// target row to lie on or after it — the same rows match, since the date is part of the key, and engines can
    /// prune the target's older rows (BigQuery its month partitions) by the constant. Null: every staged row.
    /// </param>
    public static string MergeFrom(TableSchema table, string source, IReadOnlyCollection<string>? changedPartitions = null, DateOnly? since = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var columns = table.Fields.Select(f => DuckDbSql.Identifier(f.Name)).ToArray();
        var values = NonKeyColumns(table);
        var whenMatched = values.Length == 0
            ? string.Empty
            : $"WHEN MATCHED AND (\n    {Differs(values)}) THEN\n"
              + $"  UPDATE SET\n    {string.Join(",\n    ", values.Select(v => $"{v} = s.{v}"))}\n";
        return $"MERGE INTO {DuckDbSql.Identifier(table.Name)} AS t\nUSING {Bounded(table, source, since)} AS s\nON {BoundAnd(table, since)}{FilterAnd(table, changedPartitions)}{KeyMatch(table)}\n{whenMatched}"
            + $"WHEN NOT MATCHED THEN\n  INSERT ({string.Join(", ", columns)})\n  VALUES ({string.Join(", ", columns.Select(c => "s." + c))})";
    }

    /// <summary>
    /// The first half of the MERGE as a delete and an insert, the form DuckDB runs (<c>DuckDbWarehouse</c>): deletes the
    /// target rows whose key <paramref name="source"/> has with other non-key values — the rows
    /// <see cref="MergeFrom"/> would update —, so that <see cref="InsertMissingFrom"/> then inserts their new values with
    /// the new keys. DuckDB's UPDATE rewrites, at the next checkpoint, every row group it touched, and a day's changed
    /// rows touch them all (each symbol's rows lie together, and every symbol changed); deleted rows are only marked.
    /// <paramref name="changedPartitions"/> and <paramref name="since"/> as in <see cref="MergeFrom"/>.
    /// </summary>
    public static string DeleteChangedFrom(TableSchema table, string source, IReadOnlyCollection<string>? changedPartitions = null, DateOnly? since = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var values = NonKeyColumns(table);
        var differs = values.Length == 0 ? "FALSE" : Differs(values);
        return $"DELETE FROM {DuckDbSql.Identifier(table.Name)} AS t\nWHERE {BoundAnd(table, since)}{FilterAnd(table, changedPartitions)}EXISTS (SELECT 1 FROM {Bounded(table, source, since)} AS s WHERE {KeyMatch(table)}\n  AND (\n    {differs}))";
    }

    /// <summary>
    /// The second half of <see cref="DeleteChangedFrom"/>: inserts the rows of <paramref name="source"/> whose key the
    /// target does not hold (new keys, and the changed rows just deleted). <paramref name="changedPartitions"/> and
    /// <paramref name="since"/> as in <see cref="MergeFrom"/>.
    /// </summary>
    public static string InsertMissingFrom(TableSchema table, string source, IReadOnlyCollection<string>? changedPartitions = null, DateOnly? since = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var columns = string.Join(", ", table.Fields.Select(f => "s." + DuckDbSql.Identifier(f.Name)));
        return $"INSERT INTO {DuckDbSql.Identifier(table.Name)} ({string.Join(", ", table.Fields.Select(f => DuckDbSql.Identifier(f.Name)))})\n"
            + $"SELECT {columns} FROM {Bounded(table, source, since)} AS s\n"
            + $"WHERE NOT EXISTS (SELECT 1 FROM {DuckDbSql.Identifier(table.Name)} AS t WHERE {BoundAnd(table, since)}{FilterAnd(table, changedPartitions)}{KeyMatch(table)})";
    }

    /// <summary>A target row <c>t</c> and a staged row <c>s</c> differ in one of <paramref name="values"/> (NULLs compare as values).</summary>
    private static string Differs(string[] values) =>
        string.Join("\n    OR ", values.Select(v => $"t.{v} IS DISTINCT FROM s.{v}"));

    private static string[] NonKeyColumns(TableSchema table) =>
        table.Fields.Where(f => !table.Key.Contains(f.Name)).Select(f => DuckDbSql.Identifier(f.Name)).ToArray();

    /// <summary>Inserts every staged row: the load of a table that is empty, where there is nothing to match or delete.</summary>
    public static string Insert(TableSchema table, string staging) => InsertFrom(table, DuckDbSql.Identifier(staging));

    /// <summary>
    /// Inserts every row of <paramref name="source"/>, a relation as the engine spells it (a quoted table name, or a
    /// table function reading the lake files straight away, so an empty table's bulk load needs no staging copy).
    /// </summary>
    public static string InsertFrom(TableSchema table, string source)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var columns = string.Join(", ", table.Fields.Select(f => DuckDbSql.Identifier(f.Name)));
        return $"INSERT INTO {DuckDbSql.Identifier(table.Name)} ({columns})\nSELECT {columns} FROM {source}";
    }

    /// <summary>
    /// The longest partition filter (<see cref="PartitionFilter"/>) a statement carries, in characters; past it the
    /// statement goes unfiltered. BigQuery takes at most 1,024 K characters of query text, and deploy's script carries
    /// the filter twice (the delete and the MERGE) beside its own lists of the lake's and the staged partitions and
    /// their fingerprints; 64 K characters is about 6,000 symbols, more than a day changes on most days.
    /// </summary>
    public const int MaxPartitionFilterLength = 64 * 1024;

    /// <summary>
    /// The constant filter keeping the target's rows to <paramref name="partitions"/>:
    /// <c>t."symbol" IN ('A', 'B')</c>, the values in ordinal order. Unlike a subquery over a list of partitions, a
    /// constant filter lets BigQuery prune the clusters (and DuckDB the row groups, by their zone maps) of other
    /// partitions. Null when there is nothing to filter by: a table without a lake partition of text, no partitions,
    /// or a filter longer than <see cref="MaxPartitionFilterLength"/> (the statement then runs unfiltered, as correct
    /// and only costlier).
    /// </summary>
    public static string? PartitionFilter(TableSchema table, IReadOnlyCollection<string>? partitions)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (partitions is null || partitions.Count == 0 || table.LakePartition is not { } column || table.Field(column).ColumnType != Tables.ColumnType.String)
        {
            return null;
        }

        var filter = $"t.{DuckDbSql.Identifier(column)} IN ({string.Join(", ", partitions.Order(StringComparer.Ordinal).Select(DuckDbSql.Literal))})";
        return filter.Length <= MaxPartitionFilterLength ? filter : null;
    }

    /// <summary>
    /// The column a load of changed partitions may be bounded by (<c>since</c> of <see cref="DeleteMissingFrom"/> and
    /// <see cref="MergeFrom"/>): the table's time-partitioning column (<c>partitioning.field</c> in schemas/), when it is
    /// a part of the key and of type DATE; null when the table has none, and then its loads are never bounded. Being in
    /// the key, a staged row can only match a target row of its own date, so a bound on both sides changes nothing in
    /// what matches.
    /// </summary>
    public static string? ChangeDateColumn(TableSchema table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Partitioning?.Field is { } field && table.Key.Contains(field) && table.Field(field).ColumnType == Tables.ColumnType.Date
            ? field
            : null;
    }

    /// <summary>
    /// The first day of the warehouse's time partition (<c>partitioning.type</c> in schemas/: DAY, MONTH or YEAR) that
    /// <paramref name="date"/> falls in. A load batches changes by it, and gold's change files start each symbol's rows
    /// on it, so every batch's bound is on or after the rows it reads (<c>LoadBatches</c>, <c>GoldChangeFiles</c>).
    /// </summary>
    public static DateOnly PeriodStart(TableSchema table, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(table);
        var partitioning = table.Partitioning
            ?? throw new ArgumentException($"Table '{table.Name}' has no time partitioning to group dates by.", nameof(table));
        return partitioning.Type switch
        {
            "DAY" => date,
            "MONTH" => new DateOnly(date.Year, date.Month, 1),
            "YEAR" => new DateOnly(date.Year, 1, 1),
            _ => throw new ArgumentException($"Unknown time partitioning '{partitioning.Type}' of column '{partitioning.Field}' of table '{table.Name}'; expected DAY, MONTH or YEAR.", nameof(table)),
        };
    }

    /// <summary>The predicate keeping rows dated on or after <paramref name="since"/>: <c>"trade_date" &gt;= DATE '2026-01-05'</c>.</summary>
    public static string SinceFilter(TableSchema table, DateOnly since, string? alias = null)
    {
        var column = ChangeDateColumn(table)
            ?? throw new ArgumentException($"Table '{table.Name}' has no DATE partitioning column in its key to bound a load by, so its load cannot start at {since:yyyy-MM-dd}.", nameof(table));
        return $"{(alias is null ? string.Empty : alias + ".")}{DuckDbSql.Identifier(column)} >= DATE '{since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";
    }

    /// <summary>The staged relation, kept to rows on or after <paramref name="since"/> when given (a subquery both engines read).</summary>
    private static string Bounded(TableSchema table, string source, DateOnly? since) =>
        since is { } date ? $"(SELECT * FROM {source} WHERE {SinceFilter(table, date, null)})" : source;

    private static string BoundAnd(TableSchema table, DateOnly? since) =>
        since is { } date ? $"{SinceFilter(table, date, "t")}\n  AND " : string.Empty;

    private static string FilterAnd(TableSchema table, IReadOnlyCollection<string>? partitions) =>
        PartitionFilter(table, partitions) is { } filter ? $"{filter}\n  AND " : string.Empty;

    private static string KeyMatch(TableSchema table) =>
        string.Join(" AND ", table.Key.Select(k => $"t.{DuckDbSql.Identifier(k)} = s.{DuckDbSql.Identifier(k)}"));
}
