namespace StockLakehouse.Jobs.Tests.Indicators;

/// <summary>One file of data/fixtures/talib: an input series and what TA-Lib computed on it.</summary>
internal sealed record TaLibCase(
    string Name,
    double[] Open,
    double[] High,
    double[] Low,
    double[] Close,
    IReadOnlyList<TaLibCall> Calls)
{
    public TaLibCall Call(string function, double period, string option = "optInTimePeriod") =>
        Calls.Single(c => c.Function == function && c.Options[option] == period);
}
