using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DuckDB.NET.Data;
using StockLakehouse.Core.Checks;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Warehouse;

/// <summary>
/// Which rows of a partitioned table its row checks (<see cref="CheckSql.Check.RowCondition"/>: NOT NULL and expression
/// checks, which each row passes or fails on its own values, and relationships, which it passes or fails on its values and
/// a dimension's) must read. Every load batch records in
/// <see cref="PendingTable"/>, in its own transaction, the partitions it changed and from which date (null: the whole
/// partition; a row with no partition: the whole table). Once every row check of a table has passed, the check records
/// the digest of those checks as the table's baseline (<see cref="BaselineTable"/>) and forgets the pending rows it read,
/// in one transaction. So while the baseline is the digest of the checks now, every row outside the pending ones has
/// passed each of them, and a row check needs to read only the pending rows: after a daily load, the day's rows and the
/// partitions a new dividend rewrote instead of every row of the table. A relationship also needs the values it looked up
/// to be there still: the baseline keeps them (<see cref="BaselineReferencesTable"/>), and one gone makes the checks read
/// the whole table. Without a baseline, with other checks, with the
/// whole table pending or with more than one partition in <see cref="WholePartitionsPer"/> pending whole, the checks read the
/// whole table as before. The rows read are those of the pending partitions' dates and more (<see cref="Decide"/>).
/// A check that fails leaves the pending rows, so the next check finds the violation again.
/// </summary>
/// <remarks>
/// Rows changed other than by the load (a statement typed into the warehouse by hand) are not recorded: a check then
/// reads them only once the table's checks change or its baseline is deleted (<c>DELETE FROM check_baseline</c>).
/// DuckDB lets one process write a database file at a time, so no load can record changes between the reading of the
/// pending rows and their removal.
/// </remarks>
internal sealed class CheckScopes : IDisposable
{
    public const string PendingTable = "check_pending";
    public const string BaselineTable = "check_baseline";
    public const string BaselineReferencesTable = "check_baseline_references";

    /// <summary>
    /// One partition pending whole in this many of the table's partitions is the most for which the row checks read the
    /// pending rows rather than the table: past it, whole partitions are a good share of the table, and their rows lie
    /// scattered through it.
    /// </summary>
    public const int WholePartitionsPer = 50;

    /// <summary>The fewest vectors (2,048 rows) a table has for the share of its vectors the pending rows lie in to decide what its checks read; a smaller table's pending rows are read alone.</summary>
    public const long MinVectors = 64;

    /// <summary>The record of rows changed since a table's row checks last passed.</summary>
    public static TableSchema Pending { get; } = new(
        PendingTable,
        "warehouse",
        "Rows of the partitioned tables changed by loads since the table's row checks (NOT NULL, expression and relationship checks) last passed: a partition from a date on, a whole partition (since NULL) or the whole table (partition_value NULL).",
        [
            new FieldSchema("table_name", "STRING", true, "The warehouse table."),
            new FieldSchema("partition_value", "STRING", false, "The value of the table's lake partition column, as text; NULL: every row of the table."),
            new FieldSchema("since", "DATE", false, "The first date of the partition's changed rows; NULL: every row of the partition."),
        ],
        [],
        null,
        null,
        [],
        []);

    /// <summary>The digest of each table's row checks as they last passed over all its rows not pending.</summary>
    public static TableSchema Baseline { get; } = new(
        BaselineTable,
        "warehouse",
        "For each partitioned table, the digest of its row checks (NOT NULL, expression and relationship checks) when they last passed: while it is the digest of the checks now, every row not in check_pending has passed them.",
        [
            new FieldSchema("table_name", "STRING", true, "The warehouse table."),
            new FieldSchema("checks_digest", "STRING", true, "SHA-256 of the names and conditions of the table's row checks, then the count and a hash of the values their relationships looked up (check_baseline_references)."),
        ],
        ["table_name"],
        null,
        null,
        [],
        []);

    /// <summary>What each relationship row check of a table looked up when its row checks last passed.</summary>
    public static TableSchema BaselineReferences { get; } = new(
        BaselineReferencesTable,
        "warehouse",
        "For each partitioned table's relationship checks, the values each looked up (its referenced query) when the table's row checks last passed: while every one of them is still there, a row not in check_pending still passes.",
        [
            new FieldSchema("table_name", "STRING", true, "The warehouse table."),
            new FieldSchema("check_name", "STRING", true, "The relationship check."),
            new FieldSchema("referenced_value", "STRING", true, "A value the check's referenced query returned, as text."),
        ],
        [],
        null,
        null,
        [],
        []);

    private readonly DuckDBConnection _connection;
    private readonly Dictionary<string, Scope> _scopes = new(StringComparer.Ordinal);

    private CheckScopes(DuckDBConnection connection) => _connection = connection;

    /// <summary>
    /// What a table's row checks read: all of it (<see cref="Whole"/>, and <see cref="Why"/>), the relation of its pending
    /// rows, or nothing (<see cref="Relation"/> null).
    /// </summary>
    public sealed record Scope(string Table, string Digest, string Snapshot, string? Relation, long Rows, bool Whole)
    {
        /// <summary>Why the checks read the whole table, for the log.</summary>
        public string Why { get; init; } = "";
    }

    /// <summary>The statements a load batch runs to record that it changed <paramref name="partitions"/> of <paramref name="table"/> from <paramref name="since"/> on (null: whole partitions; no partitions: the whole table).</summary>
    public static string Record(TableSchema table, IReadOnlyCollection<string>? partitions, DateOnly? since)
    {
        ArgumentNullException.ThrowIfNull(table);
        var date = since is { } d ? $"DATE '{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'" : "CAST(NULL AS DATE)";
        var name = DuckDbSql.Literal(table.Name);
        return partitions is null || partitions.Count == 0
            ? $"INSERT INTO {DuckDbSql.Identifier(PendingTable)} VALUES ({name}, NULL, CAST(NULL AS DATE))"
            : $"INSERT INTO {DuckDbSql.Identifier(PendingTable)} SELECT {name}, unnest($1::VARCHAR[]), {date}";
    }

    /// <summary>
    /// Decides, for each table with row checks in <paramref name="checks"/>, what they read: for the tables whose
    /// baseline holds, a relation of their pending rows.
    /// </summary>
    /// <param name="changedRowsOnly">False: every table's row checks read the whole table (and still record their baseline when they pass).</param>
    public static CheckScopes Open(DuckDBConnection connection, IReadOnlyList<CheckSql.Check> checks, bool changedRowsOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(checks);
        var scopes = new CheckScopes(connection);
        var tables = checks.Where(Decides).GroupBy(c => c.Table, StringComparer.Ordinal).ToArray();
        if (tables.Length == 0)
        {
            return scopes;
        }

        scopes.Ensure(Pending, cancellationToken);
        scopes.Ensure(Baseline, cancellationToken);
        scopes.Ensure(BaselineReferences, cancellationToken);
        try
        {
            foreach (var table in tables)
            {
                scopes._scopes[table.Key] = scopes.Decide(table.Key, [.. table], changedRowsOnly, cancellationToken);
            }
        }
        catch
        {
            scopes.Dispose();
            throw;
        }

        return scopes;
    }

    /// <summary>The scope of each table with row checks.</summary>
    public IReadOnlyCollection<Scope> All => _scopes.Values;

    /// <summary>Whether this decides what <paramref name="check"/> reads: a row check of a table with a lake partition.</summary>
    public static bool Decides(CheckSql.Check check) => check.RowCondition is not null && check.RowScope is not null;

    /// <summary>The scope of <paramref name="check"/>'s rows; null: a check that is not a row check, which reads what its SQL reads.</summary>
    public Scope? Of(CheckSql.Check check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return Decides(check) ? _scopes.GetValueOrDefault(check.Table) : null;
    }

    /// <summary>
    /// Records, for each table whose row checks all passed in <paramref name="results"/>, their digest as its baseline and
    /// forgets the pending rows they read, in one transaction per table.
    /// </summary>
    public void Settle(IReadOnlyList<CheckSql.Check> checks, IReadOnlyList<CheckResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(results);
        foreach (var scope in _scopes.Values)
        {
            var passed = checks.Zip(results).All(p => p.First.Table != scope.Table || p.First.RowCondition is null || p.Second.Passed);
            if (!passed)
            {
                continue;
            }

            var name = DuckDbSql.Literal(scope.Table);
            var pending = DuckDbSql.Identifier(PendingTable);
            var baseline = DuckDbSql.Identifier(BaselineTable);
            Run("BEGIN TRANSACTION", cancellationToken);
            try
            {
                Run(
                    $"DELETE FROM {pending} AS p WHERE p.table_name = {name} AND EXISTS (SELECT 1 FROM {scope.Snapshot} AS s "
                    + "WHERE s.partition_value IS NOT DISTINCT FROM p.partition_value AND s.since IS NOT DISTINCT FROM p.since)",
                    cancellationToken);
                Run($"DELETE FROM {DuckDbSql.Identifier(BaselineReferencesTable)} WHERE table_name = {name}", cancellationToken);
                foreach (var check in checks.Where(c => c.Table == scope.Table && Decides(c) && c.Referenced is not null))
                {
                    Run($"INSERT INTO {DuckDbSql.Identifier(BaselineReferencesTable)} SELECT DISTINCT {name}, {DuckDbSql.Literal(check.Name)}, CAST(v AS VARCHAR) FROM ({check.Referenced}) AS r(v)", cancellationToken);
                }

                Run($"DELETE FROM {baseline} WHERE table_name = {name}", cancellationToken);
                Run($"INSERT INTO {baseline} VALUES ({name}, {DuckDbSql.Literal(BaselineOf(scope.Digest, ReferencesDigest(scope.Table, cancellationToken)))})", cancellationToken);

                Run("COMMIT", cancellationToken);
            }
            catch
            {
                Run("ROLLBACK", CancellationToken.None);
                throw;
            }
        }
    }

    public void Dispose()
    {
        foreach (var scope in _scopes.Values)
        {
            _connection.Execute($"DROP TABLE IF EXISTS {scope.Snapshot}");
        }
    }

    /// <summary>The digest of a table's row checks: their names and conditions, in name order.</summary>
    internal static string Digest(IEnumerable<CheckSql.Check> checks) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", checks
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => $"{c.Name}\t{c.RowCondition}")))));

    private Scope Decide(string table, CheckSql.Check[] checks, bool changedRowsOnly, CancellationToken cancellationToken)
    {
        var digest = Digest(checks);
        var (partition, date) = checks[0].RowScope!.Value;
        var name = DuckDbSql.Literal(table);
        var snapshot = DuckDbSql.Identifier($"check_pending_read_{_scopes.Count}");
        Run($"CREATE OR REPLACE TEMP TABLE {snapshot} AS SELECT partition_value, since FROM {DuckDbSql.Identifier(PendingTable)} WHERE table_name = {name}", cancellationToken);
        var recorded = _connection.Interruptible(cancellationToken, c => c.Query($"SELECT checks_digest FROM {DuckDbSql.Identifier(BaselineTable)} WHERE table_name = {name}"));
        var whole = new Scope(table, digest, snapshot, DuckDbSql.Identifier(table), -1, Whole: true);
        if (!changedRowsOnly)
        {
            return whole with { Why = "every row was asked for" };
        }

        if (recorded.RowCount == 0 || (string?)recorded.Columns[0].GetValue(0) != BaselineOf(digest, ReferencesDigest(table, cancellationToken)))
        {
            return whole with { Why = "these checks have not passed over it yet, or what they recorded then changed since" };
        }

        // A relationship passed by a row before still holds while every value it looked up then is still there (the
        // dimensions only grow: dim_date by a year at a time, dim_company by new versions); one gone, and a row outside
        // the pending ones may now fail it.
        foreach (var check in checks.Where(c => c.Referenced is not null))
        {
            var lost = _connection.Interruptible(cancellationToken, c => c.Scalar<long>(
                $"SELECT COUNT(*) FROM (SELECT referenced_value FROM {DuckDbSql.Identifier(BaselineReferencesTable)} WHERE table_name = {name} AND check_name = {DuckDbSql.Literal(check.Name)} "
                + $"EXCEPT SELECT CAST(v AS VARCHAR) FROM ({check.Referenced}) AS r(v)) AS lost"));
            if (lost > 0)
            {
                return whole with { Why = $"{lost} of the values {check.Name} looked up when it last passed are gone" };
            }
        }

        // Per pending partition, the earliest date (NULL: all of it); a pending row without a partition is the whole table.
        var pending = _connection.Interruptible(cancellationToken, c => c.Query(
            $"SELECT partition_value, CASE WHEN COUNT(since) < COUNT(*) THEN NULL ELSE MIN(since) END AS since FROM {snapshot} GROUP BY partition_value"));
        var partitions = new List<string>();
        var bounded = new List<(string Partition, DateOnly Since)>();
        for (var i = 0; i < pending.RowCount; i++)
        {
            if (pending.Columns[0].GetValue(i) is not string value)
            {
                return whole with { Why = "a load replaced it whole" };
            }

            if (date is not null && pending.Columns[1].GetValue(i) is DateOnly since)
            {
                bounded.Add((value, since));
            }
            else
            {
                partitions.Add(value);
            }
        }

        if (pending.RowCount == 0)
        {
            return whole with { Relation = null, Rows = 0, Whole = false };
        }

        var known = _connection.Interruptible(cancellationToken, c => c.Scalar<long>(
            $"SELECT COUNT(*) FROM {DuckDbSql.Identifier(LoadPartitionsSql.TableName)} WHERE table_name = {name}"));
        if ((long)partitions.Count * WholePartitionsPer > known)
        {
            return whole with { Why = $"{partitions.Count} of its {known} partitions are pending whole, more than one in {WholePartitionsPer}" };
        }

        // The pending rows are read by two scans DuckDB can prune and filter as it reads (an OR across the two columns made it read
        // every column of every row): every row from a date on, and every row before that date of the partitions pending
        // whole or from an earlier date. That holds more rows than are pending (other partitions' rows of those days), never
        // fewer; a row read needlessly passes or fails as it would in the whole table. The date is the latest that leaves at
        // most one partition in WholePartitionsPer to the second scan: a day's rows are pending from its date in nearly every
        // partition, and a few partitions pending from earlier dates (corrections a lookback brought) would otherwise pull the
        // first scan back to days whose rows lie in every row group of the build.
        DateOnly? from = null;
        if (bounded.Count > 0)
        {
            var room = known / WholePartitionsPer - partitions.Count;
            var sinces = bounded.Select(b => b.Since).Order().ToArray();
            from = sinces.Where((d, i) => i <= room && (i == 0 || sinces[i - 1] < d)).Max();
            partitions.AddRange(bounded.Where(b => b.Since < from).Select(b => b.Partition));
        }

        var t = DuckDbSql.Identifier(table);
        var literal = from is { } first ? $"DATE '{first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'" : null;
        var filters = new List<string>();
        if (literal is not null)
        {
            filters.Add($"{DuckDbSql.Identifier(date!)} >= {literal}");
        }

        if (partitions.Count > 0)
        {
            filters.Add($"{DuckDbSql.Identifier(partition)} IN ({string.Join(", ", partitions.Order(StringComparer.Ordinal).Select(DuckDbSql.Literal))})"
                + (literal is null ? string.Empty : $" AND {DuckDbSql.Identifier(date!)} < {literal}"));
        }

        // The scans, each selecting <columns> of the rows its filter keeps.
        string Scans(string columns) => string.Join(" UNION ALL ", filters.Select(filter => $"SELECT {columns} FROM {t} WHERE {filter}"));

        // Each check reads the scans itself, its own columns of the rows they select, rather than a copy of every column:
        // after a build a day's rows lie in every row group, and copying them read as much as the checks over the whole
        // table (the first daily run's check at 5,000 × 20 took 13.6 s that way, against 6.1 s reading the tables).
        var rows = $"({Scans("*")})";
        // A scan reads a column vector by vector (2,048 rows), so what the scans cost is the vectors holding their rows: a
        // day's rows appended together take a few, the same number of rows right after a build (each symbol's last
        // sessions, in every row group of the build) take a good share of all of them, and reading those through two scans
        // per check cost twice the whole table (13.1 s against 6.1 s at 5,000 × 20). Past one vector in ten, the checks
        // read the table.
        var located = _connection.Interruptible(cancellationToken, c => c.Query(
            $"SELECT COUNT(*), COUNT(DISTINCT r // 2048), (SELECT COUNT(*) FROM {t}) FROM ({Scans("rowid AS r")}) AS scoped"));
        var count = Convert.ToInt64(located.Columns[0].GetValue(0), CultureInfo.InvariantCulture);
        var vectors = Convert.ToInt64(located.Columns[1].GetValue(0), CultureInfo.InvariantCulture);
        var all = (Convert.ToInt64(located.Columns[2].GetValue(0), CultureInfo.InvariantCulture) + 2_047) / 2_048;
        if (all >= MinVectors && vectors * 10 > all)
        {
            return whole with { Why = $"its {count} rows changed since they last passed lie in {vectors} of its {all} vectors, more than one in ten" };
        }

        return whole with { Relation = rows, Rows = count, Whole = false };
    }

    /// <summary>
    /// What a table's baseline records: the digest of its row checks and that of the values its relationships looked up as
    /// recorded (<see cref="BaselineReferencesTable"/>), so that a record emptied or edited since — which would hide a
    /// value gone from a dimension — no longer matches, and the checks read the whole table.
    /// </summary>
    private static string BaselineOf(string checksDigest, string referencesDigest) => $"{checksDigest} {referencesDigest}";

    /// <summary>The count and a hash of the recorded referenced values of <paramref name="table"/>'s relationships.</summary>
    private string ReferencesDigest(string table, CancellationToken cancellationToken)
    {
        var answer = _connection.Interruptible(cancellationToken, c => c.Query(
            $"SELECT COUNT(*), COALESCE(bit_xor(hash(check_name, referenced_value)), 0) FROM {DuckDbSql.Identifier(BaselineReferencesTable)} WHERE table_name = {DuckDbSql.Literal(table)}"));
        return string.Create(CultureInfo.InvariantCulture, $"{answer.Columns[0].GetValue(0)}:{answer.Columns[1].GetValue(0)}");
    }

    private void Ensure(TableSchema table, CancellationToken cancellationToken) =>
        Run($"CREATE TABLE IF NOT EXISTS {DuckDbSql.Identifier(table.Name)} ({DuckDbSql.ColumnDefinitions(table, notNull: true)})", cancellationToken);

    private void Run(string sql, CancellationToken cancellationToken) => _connection.Interruptible(cancellationToken, c => c.Execute(sql));
}
