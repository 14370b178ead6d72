using System.Globalization;

namespace StockLakehouse.Extractor.Tests.Sources.Simulated;

/// <summary>One entry of <c>events.splits</c>, with the key it was filed under.</summary>
internal sealed record PayloadSplit(string Key, long Date, int Numerator, int Denominator, string SplitRatio)
{
    public bool KeyMatchesDate => Key == Date.ToString(CultureInfo.InvariantCulture);
}
