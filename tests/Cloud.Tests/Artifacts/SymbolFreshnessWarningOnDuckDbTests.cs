using System.Globalization;
using StockLakehouse.Cloud.Artifacts;
using StockLakehouse.Warehouse;

namespace StockLakehouse.Cloud.Tests.Artifacts;

/// <summary>
/// The per-symbol freshness warning run, not just read: its GoogleSQL (a LEFT JOIN, GROUP BY … HAVING and an
/// ORDER BY … LIMIT subquery) is what DuckDB speaks too, so with the dataset-qualified backtick names turned
/// into DuckDB's it runs against dim_company, dim_date and fact_stock_price built from schemas/.
/// </summary>
public sealed class SymbolFreshnessWarningOnDuckDbTests : IDisposable
{
    private readonly BigQueryOnDuckDb _duckDb = new();

    public SymbolFreshnessWarningOnDuckDbTests()
    {
        foreach (var name in new[] { "dim_company", "dim_date", "fact_stock_price" })
        {
            _duckDb.Create(name);
        }

        // Trading days 2025-01-06 to 2025-01-10 (Monday to Friday); the weekend before is closed.
        for (var day = new DateOnly(2025, 1, 4); day <= new DateOnly(2025, 1, 13); day = day.AddDays(1))
        {
            _duckDb.Connection.Execute("INSERT INTO dim_date (full_date, is_trading_day) VALUES ($1, $2)", day, day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
        }
    }

    public void Dispose() => _duckDb.Dispose();

    private void Company(string symbol, bool current = true, string? ipo = null, string? delisted = null) =>
        _duckDb.Connection.Execute(
            "INSERT INTO dim_company (symbol, is_current, ipo_date, delisting_date) VALUES ($1, $2, $3, $4)",
            symbol,
            current,
            ipo is null ? null : Date(ipo),
            delisted is null ? null : Date(delisted));

    private void Prices(string symbol, params string[] days)
    {
        foreach (var day in days)
        {
            _duckDb.Connection.Execute("INSERT INTO fact_stock_price (symbol, trade_date) VALUES ($1, $2)", symbol, Date(day));
        }
    }

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string[] Stale(string session)
    {
        var sql = BigQueryOnDuckDb.Translate(SymbolFreshnessWarning.For(Catalogs.Schemas, BigQueryOnDuckDb.Dataset, session).ViolationsSql);
        return [.. _duckDb.Connection.Query($"SELECT symbol FROM ({sql}) AS stale ORDER BY symbol").Get<Core.Tables.StringColumn>("symbol").Values.Select(v => v!)];
    }

    [Fact]
    public void For_ASession_ReportsActiveSymbolsBehindByMoreThanTheTolerance()
    {
        Assert.Equal(3, SymbolFreshnessWarning.ToleranceTradingDays);
        Company("KO");
        Prices("KO", "2025-01-10");
        Company("PEP");
        Prices("PEP", "2025-01-07"); // three sessions behind 2025-01-10: within the tolerance
        Company("MSFT");
        Prices("MSFT", "2025-01-06", "2025-01-13"); // four behind; a bar after the session does not count
        Company("GONE", delisted: "2024-12-31");
        Prices("GONE", "2024-12-31");
        Company("SOON", ipo: "2025-01-13");
        Company("NONE"); // listed, never priced
        Company("OLD", current: false);

        Assert.Equal(["MSFT", "NONE"], Stale("2025-01-10"));
        // A day earlier MSFT is within the tolerance, and KO has no price up to that session.
        Assert.Equal(["KO", "NONE"], Stale("2025-01-09"));
    }
}
