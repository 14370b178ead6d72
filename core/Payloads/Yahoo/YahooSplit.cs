namespace StockLakehouse.Core.Payloads.Yahoo;

/// <summary>A split event: the effective session's timestamp and numerator:denominator (4:1 → 4 and 1).</summary>
public readonly record struct YahooSplit(long Timestamp, double Numerator, double Denominator)
{
    /// <summary>New shares per old share.</summary>
    public double Ratio => Numerator / Denominator;
}
