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
/// With <c>changedRowsOnly</c>, a NOT NULL or expression check reads only the rows loads changed since it last passed,
/// where <see cref="CheckScopes"/> finds that cheaper than the table.
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

        var results = new List<CheckResult>();
        foreach (var check in all)
        {
            started = Stopwatch.GetTimestamp();
            var scope = scopes.Of(check);
            if ((check.Keys is { } keys && proofs.Passes(keys, cancellationToken)) || scope is { Whole: false, Relation: null })
            {
                results.Add(new CheckResult(check.Table, check.Name, check.Description, 0, [], check.Sql));
                continue;
            }

            // A row check over the table's pending rows alone (CheckScopes): every other row passed it before. The result
            // names the check's own SQL, which finds the same rows over the whole table.
            var sql = scope is { Whole: false, Relation: { } pending } ? $"SELECT * FROM {pending} AS scoped WHERE {check.RowCondition}" : check.Sql;
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

    private static string Format(object value) => value switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
