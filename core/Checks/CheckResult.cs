namespace StockLakehouse.Core.Checks;

/// <summary>The outcome of one check: how many rows violate it, a sample of them, and the SQL that found them.</summary>
public sealed record CheckResult(string Table, string Name, string Description, long Violations, IReadOnlyList<string> Sample, string Sql)
{
    public bool Passed => Violations == 0;
}
