using System.Globalization;
using DuckDB.NET.Data;
using StockLakehouse.Core.Checks;

namespace StockLakehouse.Warehouse;

/// <summary>
/// Runs checks (shared SQL from <see cref="CheckSql"/>) against the DuckDB warehouse and returns each outcome with up
/// to <see cref="CheckResult.SampleSize"/> offending rows. Each check's SQL runs once: the sample rows carry the number
/// of all offending rows in a window column, counted before the limit.
/// </summary>
public static class WarehouseChecks
{
    private const string ViolationCount = "check_violation_count";

    public static IReadOnlyList<CheckResult> Run(DuckDBConnection connection, IEnumerable<CheckSql.Check> checks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var results = new List<CheckResult>();
        foreach (var check in checks)
        {
            var rows = connection.Interruptible(
                cancellationToken,
                c => c.Query($"SELECT *, COUNT(*) OVER () AS {ViolationCount} FROM ({check.Sql}) AS violations LIMIT {CheckResult.SampleSize}"));
            var count = rows.RowCount == 0 ? 0 : Convert.ToInt64(rows[ViolationCount].GetValue(0), CultureInfo.InvariantCulture);
            var columns = rows.Columns.Where(c => c.Name != ViolationCount).ToArray();
            var sample = new List<string>();
            for (var r = 0; r < rows.RowCount; r++)
            {
                sample.Add(string.Join(", ", columns.Select(c => $"{c.Name}={Format(c.GetValue(r))}")));
            }

            results.Add(new CheckResult(check.Table, check.Name, check.Description, count, sample, check.Sql));
        }

        return results;
    }

    private static string Format(object? value) => value switch
    {
        null => "NULL",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
