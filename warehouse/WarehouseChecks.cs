using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Serilog;
using StockLakehouse.Core.Checks;

namespace StockLakehouse.Warehouse;

/// <summary>
/// Runs checks (shared SQL from <see cref="CheckSql"/>) against the DuckDB warehouse — each counted by
/// <see cref="CheckResult.CountSql"/>, and a failing one sampled by <see cref="CheckResult.OutcomeSql"/> — and returns
/// each outcome with up to <see cref="CheckResult.SampleSize"/> offending rows. A uniqueness or same-keys check over a
/// key that <see cref="KeyProofs"/> can summarise passes without its SQL when the summaries prove it has no violation;
/// otherwise it is counted (and sampled) by its SQL like any other, so every verdict, count and sample is the SQL's.
/// With <c>changedRowsOnly</c>, a NOT NULL, expression or relationship check of a fact table reads only the rows loads
/// changed since it last passed, where <see cref="CheckScopes"/> finds that cheaper than the table. The row checks of a
/// table over its pending rows are first looked at together, by one scan for a row that fails any
/// (<see cref="AnyViolationSql"/>): none, and they all pass; otherwise, and over a whole table, each is counted, and a
/// failing one sampled, by its own SQL.
/// </summary>
public static class WarehouseChecks
{
    public static IReadOnlyList<CheckResult> Run(DuckDBConnection connection, IEnumerable<CheckSql.Check> checks, CancellationToken cancellationToken = default, ILogger? log = null, bool changedRowsOnly = false)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var all = checks.ToArray();
        var started = Stopwatch.GetTimestamp();
        using var proofs = KeyProofs.For(connection, all.Select(c => c.Keys).OfType<KeyCheck>(), cancellationToken);
        log?.Debug("Key proofs: {Ms} ms", (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        started = Stopwatch.GetTimestamp();
        using var scopes = CheckScopes.Open(connection, all, changedRowsOnly, cancellationToken);
        log?.Debug("Row checks' scopes: {Ms} ms", (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        foreach (var scope in scopes.All)
        {
            if (scope.Whole)
            {
                log?.Information("Row checks of {Table} read the whole table: {Why}", scope.Table, scope.Why);
            }
            else
            {
                log?.Information("Row checks of {Table} read its {Rows} rows changed since they last passed", scope.Table, scope.Rows);
            }
        }

        var passing = PassingRowChecks(connection, all, scopes, log, cancellationToken);
        var results = new List<CheckResult>();
        foreach (var check in all)
        {
            started = Stopwatch.GetTimestamp();
            var scope = scopes.Of(check);
            if ((check.Keys is { } keys && proofs.Passes(keys, cancellationToken)) || scope is { Whole: false, Relation: null } || passing.Contains(check))
            {
                results.Add(new CheckResult(check.Table, check.Name, check.Description, 0, [], check.Sql));
                continue;
            }

            // A row check over the table's pending rows alone (CheckScopes): every other row passed it before. The result
            // names the check's own SQL, which finds the same rows over the whole table.
            var sql = RowsRead(check, scope) is { } pending ? $"SELECT * FROM {pending} AS scoped WHERE {check.RowCondition}" : check.Sql;
            var count = connection.Interruptible(cancellationToken, c => c.Scalar<long>(CheckResult.CountSql(sql)));
            log?.Debug("Check {Table}.{Check}: {Ms} ms", check.Table, check.Name, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (count == 0)
            {
                results.Add(new CheckResult(check.Table, check.Name, check.Description, 0, [], check.Sql));
                continue;
            }

            var rows = connection.Interruptible(cancellationToken, c => c.Query(CheckResult.OutcomeSql(sql)));
            var values = Enumerable.Range(0, rows.RowCount)
                .Select(r => (IReadOnlyList<string?>)[.. rows.Columns.Select(c => c.GetValue(r) is { } value ? Format(value) : null)])
                .ToArray();
            results.Add(CheckResult.FromOutcome(check.Table, check.Name, check.Description, [.. rows.Columns.Select(c => c.Name)], values, check.Sql));
        }

        scopes.Settle(all, results, cancellationToken);
        return results;
    }

    /// <summary>
    /// The statement that counts, in one scan of <paramref name="rows"/>, the rows any of <paramref name="conditions"/>
    /// selects (their disjunction). Zero, the usual answer, says each condition selects none; otherwise each is counted
    /// on its own. A disjunction rather than a count per condition (<c>COUNT(*) FILTER (WHERE …)</c>): DuckDB drops a
    /// filter <c>column IS NULL</c> on a column whose statistics hold no NULL, so a NOT NULL check alone reads nothing, but
    /// not an aggregate's filter, which then reads those columns too (a whole 5,000 × 20 indicator table, warm, each twice:
    /// 1.7–1.9 s against 1.2 s for the disjunction).
    /// </summary>
    internal static string AnyViolationSql(string rows, IReadOnlyList<string> conditions)
    {
        ArgumentException.ThrowIfNullOrEmpty(rows);
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentOutOfRangeException.ThrowIfZero(conditions.Count);
        return $"SELECT COUNT(*) FROM {rows} AS scoped WHERE {string.Join(" OR ", conditions.Select(c => $"({c})"))}";
    }

    /// <summary>The rows a row check reads over its table's pending rows (a relation); null when it reads what its own SQL reads.</summary>
    private static string? RowsRead(CheckSql.Check check, CheckScopes.Scope? scope) =>
        check.RowCondition is not null && scope is { Whole: false, Relation: { } pending } ? pending : null;

    /// <summary>
    /// The row checks that read their table's pending rows (<see cref="CheckScopes"/>) and find no violation there, found
    /// by one <see cref="AnyViolationSql"/> per table: each passes with 0. A table whose scan finds a violation leaves its
    /// checks to be counted one by one, and so does a table read whole: there each check's own scan, its filter pushed
    /// into it, was as fast or faster (a whole 5,000 × 20 warehouse's checks, three runs each alternated: 5.4–5.6 s one by
    /// one, 5.6–6.5 s with the scan), while over a day's pending rows the one scan evaluates the scopes' filters once
    /// instead of once per check (4.1–4.9 s against 4.5–5.4 s for every check of the day).
    /// </summary>
    private static HashSet<CheckSql.Check> PassingRowChecks(DuckDBConnection connection, CheckSql.Check[] all, CheckScopes scopes, ILogger? log, CancellationToken cancellationToken)
    {
        var passing = new HashSet<CheckSql.Check>(ReferenceEqualityComparer.Instance);
        foreach (var table in all.Where(CheckScopes.Decides).GroupBy(c => c.Table, StringComparer.Ordinal))
        {
            var checks = table.ToArray();
            if (RowsRead(checks[0], scopes.Of(checks[0])) is not { } rows)
            {
                continue;
            }

            var started = Stopwatch.GetTimestamp();
            var violating = connection.Interruptible(cancellationToken, c => c.Scalar<long>(AnyViolationSql(rows, [.. checks.Select(c => c.RowCondition!)])));
            log?.Debug("Row checks of {Table} ({Count}, in one scan): {Violating} rows violate any, {Ms} ms", table.Key, checks.Length, violating, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (violating == 0)
            {
                passing.UnionWith(checks);
            }
        }

        return passing;
    }

    private static string Format(object value) => value switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
