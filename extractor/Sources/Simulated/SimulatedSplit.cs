namespace StockLakehouse.Extractor.Sources.Simulated;

/// <summary>
/// A stock split effective on <paramref name="Date"/> (the first session at the new basis): each share becomes
/// <paramref name="Numerator"/>/<paramref name="Denominator"/> shares, so 4:1 quarters the price and 1:10 (a
/// reverse split) multiplies it by ten.
/// </summary>
public sealed record SimulatedSplit(DateOnly Date, int Numerator, int Denominator)
{
    /// <summary>Shares after per share before; the factor prices before the split are divided by.</summary>
    public double Ratio => (double)Numerator / Denominator;
}
