using StockLakehouse.Core.Checks;

namespace StockLakehouse.Warehouse.Tests;

/// <summary>A check's outcome on DuckDB: every offending row counted, at most a sample of them kept, its own columns only.</summary>
public sealed class WarehouseChecksTests
{
    [Fact]
    public void Run_MoreViolationsThanTheSample_CountsThemAllAndKeepsTheSample()
    {
        using var connection = DuckDbWarehouse.OpenConnection(":memory:");
        var check = new CheckSql.Check("t", "even", "x is odd", "SELECT x FROM range(1, 24) AS r(x) WHERE x % 2 = 1 ORDER BY x");

        var result = Assert.Single(WarehouseChecks.Run(connection, [check]));

        Assert.Equal(12, result.Violations);
        Assert.Equal(CheckResult.SampleSize, result.Sample.Distinct().Count());
        Assert.All(result.Sample, row => Assert.Matches("^x=[0-9]*[13579]$", row));
    }

    [Fact]
    public void Run_NoViolation_PassesWithAnEmptySample()
    {
        using var connection = DuckDbWarehouse.OpenConnection(":memory:");
        var check = new CheckSql.Check("t", "none", "never", "SELECT x FROM range(3) AS r(x) WHERE x > 5");

        var result = Assert.Single(WarehouseChecks.Run(connection, [check]));

        Assert.True(result.Passed);
        Assert.Empty(result.Sample);
    }

    [Fact]
    public void Run_RowChecksOverAWholeTable_CountsEachOnesRowsAndSamplesTheFailingOnes()
    {
        using var connection = DuckDbWarehouse.OpenConnection(":memory:");
        connection.Execute("CREATE TABLE \"t\" AS SELECT k, CAST(x AS DOUBLE) AS x, name FROM (VALUES (1, 5.0, 'a'), (2, -1.0, 'b'), (3, NULL, 'c'), (4, -2.0, NULL), (5, 7.0, 'e')) v(k, x, name)");
        CheckSql.Check Row(string name, string condition) =>
            new("t", name, name, $"SELECT * FROM \"t\" WHERE {condition}") { RowCondition = condition };
        var positive = Row("x_positive", "(x > 0) IS NOT TRUE");
        var named = Row("not_null_name", "\"name\" IS NULL");
        var small = Row("x_small", "(x < 100) IS NOT TRUE");
        var other = new CheckSql.Check("u", "none", "never", "SELECT x FROM range(3) AS r(x) WHERE x > 5");

        var results = WarehouseChecks.Run(connection, [positive, other, named, small]);

        Assert.Equal(["x_positive", "none", "not_null_name", "x_small"], results.Select(r => r.Name));
        Assert.Equal([3L, 0L, 1L, 1L], results.Select(r => r.Violations));
        Assert.Equal(3, results[0].Sample.Count);
        Assert.Contains(results[2].Sample, row => row.Contains("k=4", StringComparison.Ordinal));
        Assert.Contains(results[3].Sample, row => row.Contains("k=3", StringComparison.Ordinal));
        Assert.All(results, r => Assert.Equal(r.Violations, connection.Scalar<long>(CheckResult.CountSql(r.Sql))));

        connection.Execute("DELETE FROM \"t\" WHERE k <> 1");
        Assert.All(WarehouseChecks.Run(connection, [positive, named, small]), r => Assert.True(r.Passed));
        connection.Execute("INSERT INTO \"t\" VALUES (6, 500.0, 'f')");
        Assert.Equal([0L, 0L, 1L], WarehouseChecks.Run(connection, [positive, named, small]).Select(r => r.Violations));
    }

    [Fact]
    public void AnyViolationSql_CountsTheRowsAnyConditionSelects()
    {
        using var connection = DuckDbWarehouse.OpenConnection(":memory:");
        const string Rows = "(SELECT * FROM range(10) AS r(x))";

        Assert.Equal(7, connection.Scalar<long>(WarehouseChecks.AnyViolationSql(Rows, ["x % 2 = 0", "x > 6", "x IS NULL"])));
        Assert.Equal(0, connection.Scalar<long>(WarehouseChecks.AnyViolationSql(Rows, ["x > 9", "x IS NULL"])));

        // A condition that is NULL for a row selects it no more than its own WHERE would; a lookup in another table, as
        // a relationship's, is resolved against that table.
        connection.Execute("CREATE TABLE known AS SELECT * FROM range(0, 10, 3) AS k(v)");
        Assert.Equal(
            connection.Scalar<long>($"SELECT COUNT(*) FROM {Rows} AS s WHERE (CASE WHEN x < 5 THEN NULL ELSE x > 7 END) OR (x NOT IN (SELECT v FROM known))"),
            connection.Scalar<long>(WarehouseChecks.AnyViolationSql(Rows, ["CASE WHEN x < 5 THEN NULL ELSE x > 7 END", "x NOT IN (SELECT v FROM known)"])));
        Assert.Equal(7, connection.Scalar<long>(WarehouseChecks.AnyViolationSql(Rows, ["CASE WHEN x < 5 THEN NULL ELSE x > 7 END", "x NOT IN (SELECT v FROM known)"])));
    }
}
