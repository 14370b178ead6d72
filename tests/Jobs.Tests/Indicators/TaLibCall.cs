namespace StockLakehouse.Jobs.Tests.Indicators;

/// <summary>One TA-Lib function call of a vector file: its options and outputs aligned to input indexes (NaN where TA-Lib gave none).</summary>
internal sealed record TaLibCall(
    string Function,
    IReadOnlyDictionary<string, double> Options,
    int? BeginIndex,
    int ElementCount,
    IReadOnlyDictionary<string, double[]> Outputs)
{
    public int Period(string option = "optInTimePeriod") => (int)Options[option];

    public string Describe() =>
        $"{Function}({string.Join(", ", Options.Select(o => $"{o.Key.Replace("optIn", string.Empty, StringComparison.Ordinal)}={o.Value}"))})";
}
