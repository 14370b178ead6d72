using System.Globalization;
using DuckDB.NET.Data;
using StockLakehouse.Core.Checks;

namespace StockLakehouse.Warehouse;

/// <summary>
/// Runs checks (shared SQL from <see cref="CheckSql"/>) against the DuckDB warehouse — each counted by
/// <see cref="CheckResult.CountSql"/>, and a failing one sampled by <see cref="CheckResult.OutcomeSql"/> — and returns
/// each outcome with up to <see cref="CheckResult.SampleSize"/> offending rows. A uniqueness or same-keys check over a
/// key that <see cref="KeyProofs"/> can summarise passes without its SQL when the summaries prove it has no violation;
/// otherwise it is counted (and sampled) by its SQL like any other, so every verdict, count and sample is the SQL's.
/// </summary>
public static class WarehouseChecks
{
    public static IReadOnlyList<CheckResult> Run(DuckDBConnection connection, IEnumerable<CheckSql.Check> checks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var all = checks.ToArray();
        using var proofs = KeyProofs.For(connection, all.Select(c => c.Keys).OfType<KeyCheck>(), cancellationToken);
        var results = new List<CheckResult>();
        foreach (var check in all)
        {
            if (check.Keys is { } keys && proofs.Passes(keys, cancellationToken))
            {
                results.Add(new CheckResult(check.Table, check.Name, check.Description, 0, [], check.Sql));
                continue;
            }

            var count = connection.Interruptible(cancellationToken, c => c.Scalar<long>(CheckResult.CountSql(check.Sql)));
            if (count == 0)
            {
                results.Add(new CheckResult(check.Table, check.Name, check.Description, 0, [], check.Sql));
                continue;
            }

            var rows = connection.Interruptible(cancellationToken, c => c.Query(CheckResult.OutcomeSql(check.Sql)));
            var values = Enumerable.Range(0, rows.RowCount)
                .Select(r => (IReadOnlyList<string?>)[.. rows.Columns.Select(c => c.GetValue(r) is { } value ? Format(value) : null)])
                .ToArray();
            results.Add(CheckResult.FromOutcome(check.Table, check.Name, check.Description, [.. rows.Columns.Select(c => c.Name)], values, check.Sql));
        }

        return results;
    }

    private static string Format(object value) => value switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
