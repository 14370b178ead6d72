using System.Globalization;

namespace StockLakehouse.Core.Checks;

/// <summary>The outcome of one check: how many rows violate it, a sample of them, and the SQL that found them.</summary>
public sealed record CheckResult(string Table, string Name, string Description, long Violations, IReadOnlyList<string> Sample, string Sql)
{
    /// <summary>How many offending rows an outcome keeps, on every warehouse.</summary>
    public const int SampleSize = 5;

    /// <summary>The column <see cref="OutcomeSql"/> adds to each sample row: the number of every offending row.</summary>
    public const string CountColumn = "check_violation_count";

    public bool Passed => Violations == 0;

    /// <summary>
    /// The first statement of every check, the same text on DuckDB and BigQuery: the number of rows
    /// <paramref name="violationsSql"/> selects, 0 meaning the check passed. It reads only the columns the check
    /// tests (most checks select <c>*</c> of their offending rows), which is what a passing check — the usual case —
    /// costs: on BigQuery the bytes billed, on DuckDB the columns decoded. Only a failing check then runs
    /// <see cref="OutcomeSql"/> for its sample.
    /// </summary>
    public static string CountSql(string violationsSql) =>
        $"SELECT COUNT(*) AS violations FROM ({violationsSql}) AS violating_rows";

    /// <summary>
    /// The statement that samples a failing check, the same text on DuckDB and BigQuery: up to
    /// <see cref="SampleSize"/> offending rows of <paramref name="violationsSql"/>, each carrying in
    /// <see cref="CountColumn"/> the number of all of them (a window over every row, counted before the limit). Run
    /// only after <see cref="CountSql"/> found violations: it reads every column of the offending rows, and running it
    /// on every check (once instead of count-then-sample) made the 72 checks of a 1,000-symbol warehouse take 3.1 s
    /// instead of 1.4 s.
    /// </summary>
    public static string OutcomeSql(string violationsSql) =>
        $"SELECT *, COUNT(*) OVER () AS {CountColumn} FROM ({violationsSql}) AS violations LIMIT {SampleSize}";

    /// <summary>
    /// The outcome from the answer to <see cref="OutcomeSql"/>: <paramref name="rows"/> hold each value as text
    /// (null for SQL NULL) in the order of <paramref name="columns"/>; each sample row reads <c>column=value, …</c>
    /// over the check's own columns.
    /// </summary>
    public static CheckResult FromOutcome(string table, string name, string description, IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string?>> rows, string sql)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return new CheckResult(table, name, description, 0, [], sql);
        }

        var countAt = IndexOf(columns, CountColumn)
            ?? throw new ArgumentException($"The outcome of check {table}.{name} has no column {CountColumn}; it has {string.Join(", ", columns)}.", nameof(columns));
        var count = long.Parse(rows[0][countAt] ?? "0", NumberStyles.Integer, CultureInfo.InvariantCulture);
        var sample = rows
            .Select(row => string.Join(", ", columns.Select((column, i) => (column, i)).Where(c => c.i != countAt).Select(c => $"{c.column}={row[c.i] ?? "NULL"}")))
            .ToArray();
        return new CheckResult(table, name, description, count, sample, sql);
    }

    private static int? IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] == name)
            {
                return i;
            }
        }

        return null;
    }
}
