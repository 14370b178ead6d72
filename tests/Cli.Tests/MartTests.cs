using StockLakehouse.Core.Tables;

namespace StockLakehouse.Cli.Tests;

public sealed class MartTests : IClassFixture<LakeRunFixture>
{
    private readonly LakeRunFixture _run;

    public MartTests(LakeRunFixture run)
    {
        _run = run;
    }

    private long Count(string sql) => Warehouse.Scalar(_run.WarehousePath, sql);

    [Fact]
    public void SectorPerformance_SymbolsPerDay_AddUpToTheFacts() =>
        Assert.Equal(0, Count("""
            SELECT COUNT(*) FROM (SELECT trade_date, SUM(symbols) AS s FROM mart_sector_daily_performance GROUP BY trade_date) m
            FULL JOIN (SELECT trade_date, COUNT(*) AS c FROM fact_stock_price GROUP BY trade_date) f ON f.trade_date = m.trade_date
            WHERE m.s IS DISTINCT FROM f.c
            """));

    [Fact]
    public void TopMovers_FirstGainerAndLoser_AreTheDaysExtremeReturns()
    {
        Assert.True(Count("SELECT COUNT(DISTINCT trade_date) FROM mart_top_movers") > 200);
        Assert.Equal(0, Count("""
            SELECT COUNT(*) FROM (SELECT trade_date, MAX(return_1d) AS hi, MIN(return_1d) AS lo FROM fact_stock_price GROUP BY trade_date) f
            JOIN mart_top_movers g ON g.trade_date = f.trade_date AND g.gain_rank = 1
            JOIN mart_top_movers l ON l.trade_date = f.trade_date AND l.loss_rank = 1
            WHERE g.return_1d <> f.hi OR l.return_1d <> f.lo
            """));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM (SELECT trade_date FROM mart_top_movers GROUP BY trade_date HAVING COUNT(*) > 20)"));
    }

    [Fact]
    public void FiftyTwoWeekRange_BracketsTheAdjustedClose()
    {
        Assert.Equal(Count("SELECT COUNT(*) FROM fact_stock_price"), Count("SELECT COUNT(*) FROM mart_52_week_range"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM mart_52_week_range WHERE high_52w < adj_close - 1e-9 OR low_52w > adj_close + 1e-9 OR bars_in_window > 252 OR pct_from_high_52w > 1e-12"));
    }

    [Fact]
    public void Correlation_PairsTheChosenSymbolsAndMatchesADirectComputation()
    {
        Assert.Equal(15, Count("SELECT COUNT(DISTINCT symbol_a || '/' || symbol_b) FROM mart_return_correlation_60d"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM mart_return_correlation_60d WHERE (observations < 60) <> (correlation_60d IS NULL) OR correlation_60d NOT BETWEEN -1 AND 1"));

        using var connection = DuckDbWarehouse.OpenConnection(_run.WarehousePath);
        var last = connection.Query("""
            SELECT correlation_60d, trade_date FROM mart_return_correlation_60d
            WHERE symbol_a = 'AAPL' AND symbol_b = 'MSFT' ORDER BY trade_date DESC LIMIT 1
            """);
        var returns = connection.Query("""
            SELECT a.log_return_1d AS ra, b.log_return_1d AS rb FROM fact_stock_price a
            JOIN fact_stock_price b ON a.trade_date = b.trade_date AND b.symbol = 'MSFT'
            WHERE a.symbol = 'AAPL' AND a.log_return_1d IS NOT NULL AND b.log_return_1d IS NOT NULL
            ORDER BY a.trade_date DESC LIMIT 60
            """);
        var expected = Pearson(returns.Get<DoubleColumn>("ra").Values, returns.Get<DoubleColumn>("rb").Values);
        Assert.Equal(expected, last.Get<DoubleColumn>("correlation_60d").Values[0], 9);
    }

    [Fact]
    public void LatestSnapshot_OneRowPerSymbolOnItsLastDay()
    {
        Assert.Equal(LakeRunFixture.Symbols.Length, Count("SELECT COUNT(*) FROM mart_latest_snapshot"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM mart_latest_snapshot WHERE trade_date <> DATE '2024-12-31' OR high_52w IS NULL OR name IS NULL"));
    }

    private static double Pearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxy / Math.Sqrt(sxx * syy);
    }
}
