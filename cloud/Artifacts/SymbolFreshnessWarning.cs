using System.Globalization;
using StockLakehouse.Cloud.BigQuery;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Cloud.Artifacts;

/// <summary>
/// A warning-level check beside the table-level freshness check that fails a run: every active company (its
/// current dim_company version, listed on the session date and not delisted) has a price on one of the last
/// <see cref="ToleranceTradingDays"/> + 1 NYSE sessions up to the session date. A symbol behind by more is
/// reported, not failed: one symbol the source did not answer for a day or two is worth a look, not a page.
/// The SQL selects the stale symbols (symbol, latest_trade_date); 0 rows means every active symbol is fresh.
/// </summary>
public static class SymbolFreshnessWarning
{
    public const string Name = "symbol_fresh";

    /// <summary>How many trading days a symbol may lag the session before it is reported.</summary>
    public const int ToleranceTradingDays = 3;

    private const string Companies = LakeNames.DimCompany;
    private const string Prices = LakeNames.FactStockPrice;
    private const string Calendar = LakeNames.DimDate;

    /// <summary>The warning for <paramref name="sessionDate"/>, a yyyy-MM-dd date or a placeholder rendering to one.</summary>
    public static BigQueryCheck For(SchemaCatalog schemas, BigQueryDataset dataset, string sessionDate)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionDate);
        Require(schemas, Companies, "symbol", "is_current", "ipo_date", "delisting_date");
        Require(schemas, Prices, "symbol", "trade_date");
        Require(schemas, Calendar, "full_date", "is_trading_day");
        var session = "DATE " + BigQuerySql.Literal(sessionDate);
        var recentSessions = (ToleranceTradingDays + 1).ToString(CultureInfo.InvariantCulture);
        var sql =
            $"SELECT c.`symbol`, MAX(f.`trade_date`) AS latest_trade_date FROM {dataset.Table(Companies)} AS c "
            + $"LEFT JOIN {dataset.Table(Prices)} AS f ON f.`symbol` = c.`symbol` AND f.`trade_date` <= {session} "
            + $"WHERE c.`is_current` AND c.`delisting_date` IS NULL AND (c.`ipo_date` IS NULL OR c.`ipo_date` <= {session}) "
            + "GROUP BY c.`symbol` "
            + "HAVING MAX(f.`trade_date`) IS NULL OR MAX(f.`trade_date`) < ("
            + $"SELECT MIN(recent.`full_date`) FROM (SELECT `full_date` FROM {dataset.Table(Calendar)} "
            + $"WHERE `is_trading_day` AND `full_date` <= {session} ORDER BY `full_date` DESC LIMIT {recentSessions}) AS recent)";
        return new BigQueryCheck(
            Prices,
            Name,
            $"Every active company has a price on one of the last {recentSessions} NYSE sessions up to {sessionDate} (warning: lists the symbols behind, never fails the run).",
            sql);
    }

    private static void Require(SchemaCatalog schemas, string table, params string[] columns)
    {
        var schema = schemas.Tables.FirstOrDefault(t => t.Name == table)
            ?? throw new InvalidDataException($"The per-symbol freshness warning reads the table '{table}', which schemas/ does not declare.");
        var missing = columns.Where(c => schema.Fields.All(f => f.Name != c)).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidDataException($"The per-symbol freshness warning reads {table}.{string.Join(", ", missing)}, which schemas/ does not declare.");
        }
    }
}
