using StockLakehouse.Core.Checks;

namespace StockLakehouse.Core.Tests.Checks;

/// <summary>A check's outcome from the one statement every warehouse runs for it.</summary>
public sealed class CheckResultTests
{
    [Fact]
    public void OutcomeSql_Violations_SamplesThemWithTheCountOfAllBeforeTheLimit()
    {
        Assert.Equal(
            "SELECT *, COUNT(*) OVER () AS check_violation_count FROM (SELECT x FROM t WHERE x < 0) AS violations LIMIT 5",
            CheckResult.OutcomeSql("SELECT x FROM t WHERE x < 0"));
    }

    [Fact]
    public void FromOutcome_Rows_CountFromTheCountColumnAndSampleTheOtherColumns()
    {
        var result = CheckResult.FromOutcome(
            "t",
            "negative",
            "x is negative",
            ["x", "day", CheckResult.CountColumn],
            [["-1", "2025-01-02", "12"], ["-2", null, "12"]],
            "sql");

        Assert.Equal(12, result.Violations);
        Assert.Equal(["x=-1, day=2025-01-02", "x=-2, day=NULL"], result.Sample);
        Assert.False(result.Passed);
        Assert.Equal("sql", result.Sql);
    }

    [Fact]
    public void FromOutcome_NoRow_Passes()
    {
        var result = CheckResult.FromOutcome("t", "negative", "x is negative", ["x", CheckResult.CountColumn], [], "sql");

        Assert.True(result.Passed);
        Assert.Empty(result.Sample);
    }

    [Fact]
    public void FromOutcome_RowsWithoutTheCountColumn_ThrowsNamingTheCheckAndTheColumns()
    {
        var error = Assert.Throws<ArgumentException>(() => CheckResult.FromOutcome("t", "negative", "d", ["violations"], [["0"]], "sql"));

        Assert.Contains("t.negative", error.Message, StringComparison.Ordinal);
        Assert.Contains("violations", error.Message, StringComparison.Ordinal);
    }
}
