namespace StockLakehouse.Extractor.Sources.Simulated;

/// <summary>A split inside a generated window: <paramref name="Index"/> is its effective date's window index.</summary>
internal sealed record PathSplit(int Index, int Numerator, int Denominator)
{
    public double Ratio => (double)Numerator / Denominator;
}
