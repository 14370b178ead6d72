using System.Globalization;
using StockLakehouse.Core.Checks;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Cloud.BigQuery;

/// <summary>
/// The checks of the local warehouse (<see cref="CheckSql"/>: key uniqueness, NOT NULL per REQUIRED column, and
/// every check declared in schemas/) translated to GoogleSQL against one dataset. They are the very checks the
/// local run executes, so a check added to schemas/ or to <see cref="CheckSql"/> reaches BigQuery unchanged.
/// </summary>
public static class BigQueryCheckSql
{
    /// <summary>
    /// The date <see cref="CheckSql"/> is given when the expected date is not known yet (templates): its
    /// literal is then replaced by a lookup of the last trading day in dim_date.
    /// </summary>
    private static readonly DateOnly UnknownDate = new(1, 1, 1);

    /// <summary>The checks of every table in <paramref name="tables"/> for a known expected latest trade date.</summary>
    public static IReadOnlyList<BigQueryCheck> For(IEnumerable<TableSchema> tables, BigQueryDataset dataset, IEnumerable<string> relations, DateOnly expectedLatestTradeDate)
    {
        var translator = new BigQuerySqlTranslator(dataset, relations);
        return tables
            .SelectMany(t => CheckSql.For(t, expectedLatestTradeDate))
            .Select(c => new BigQueryCheck(c.Table, c.Name, c.Description, translator.Translate(c.Sql)))
            .ToArray();
    }

    /// <summary>
    /// The checks for a run whose date is only known when it runs, <paramref name="runDate"/> being a template
    /// such as <c>{{ ds }}</c>: the freshness check expects the last NYSE trading day on or before that date,
    /// looked up in the warehouse's own dim_date — the calendar the local run consults.
    /// </summary>
    public static IReadOnlyList<BigQueryCheck> ForRunDate(IEnumerable<TableSchema> tables, BigQueryDataset dataset, IEnumerable<string> relations, string runDate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDate);
        ArgumentNullException.ThrowIfNull(dataset);
        var unknown = UnknownDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var unknownLiteral = "DATE " + BigQuerySql.Literal(unknown);
        var expected = $"(SELECT MAX(`full_date`) FROM {dataset.Table(LakeNames.DimDate)} WHERE `is_trading_day` AND `full_date` <= DATE {BigQuerySql.Literal(runDate)})";
        var checks = For(tables, dataset, relations, UnknownDate)
            .Select(c => c with
            {
                ViolationsSql = c.ViolationsSql.Replace(unknownLiteral, expected, StringComparison.Ordinal),
                Description = c.Description.Replace($"Expected {unknown}.", $"Expected the last trading day on or before {runDate}.", StringComparison.Ordinal),
            })
            .ToArray();
        var leftover = checks.FirstOrDefault(c => c.ViolationsSql.Contains(unknown, StringComparison.Ordinal) || c.Description.Contains(unknown, StringComparison.Ordinal));
        return leftover is null
            ? checks
            : throw new InvalidOperationException($"Check {leftover.Table}.{leftover.Name} uses the expected date in a form the BigQuery translation does not know: {leftover.ViolationsSql}");
    }
}
