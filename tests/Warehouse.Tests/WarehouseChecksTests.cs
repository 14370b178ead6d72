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
}
