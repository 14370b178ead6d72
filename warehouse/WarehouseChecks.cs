using System.Globalization;
using DuckDB.NET.Data;
using StockLakehouse.Core.Checks;

namespace StockLakehouse.Warehouse;

/// <summary>Runs checks (shared SQL from <see cref="CheckSql"/>) against the DuckDB warehouse and returns each outcome with up to <see cref="CheckResult.SampleSize"/> offending rows.</summary>
public static class WarehouseChecks
{
    public static IReadOnlyList<CheckResult> Run(DuckDBConnection connection, IEnumerable<CheckSql.Check> checks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var results = new List<CheckResult>();
        foreach (var check in checks)
        {
            var count = connection.Interruptible(cancellationToken, c => c.Scalar<long>($"SELECT COUNT(*) FROM ({check.Sql}) AS violations"));
            var sample = new List<string>();
            if (count > 0)
            {
                var rows = connection.Interruptible(cancellationToken, c => c.Query($"SELECT * FROM ({check.Sql}) AS violations LIMIT {CheckResult.SampleSize}"));
                for (var r = 0; r < rows.RowCount; r++)
                {
                    sample.Add(string.Join(", ", rows.Columns.Select(c => $"{c.Name}={Format(c.GetValue(r))}")));
                }
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
