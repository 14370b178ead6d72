using System.Globalization;

namespace StockLakehouse.Extractor.Tests.Sources.Simulated;

/// <summary>One entry of <c>events.dividends</c>, with the key it was filed under.</summary>
internal sealed record PayloadDividend(string Key, double Amount, long Date)
{
    public bool KeyMatchesDate => Key == Date.ToString(CultureInfo.InvariantCulture);
}
