namespace StockLakehouse.Core.Checks;

/// <summary>The outcome of one check: how many rows violate it, a sample of them, and the SQL that found them.</summary>
public sealed record CheckResult(string Table, string Name, string Description, long Violations, IReadOnlyList<string> Sample, string Sql)
{
    /// <summary>How many offending rows an outcome keeps, on every warehouse.</summary>
    public const int SampleSize = 5;

    public bool Passed => Violations == 0;
}
