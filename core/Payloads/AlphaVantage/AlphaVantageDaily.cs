namespace StockLakehouse.Core.Payloads.AlphaVantage;

/// <summary>
/// One Alpha Vantage TIME_SERIES_DAILY answer, oldest bar first: session dates and as-traded open, high, low,
/// close and volume. A value that is missing or not a number is NaN, for the caller to reject.
/// </summary>
public sealed record AlphaVantageDaily(
    string? Symbol,
    IReadOnlyList<DateOnly> Dates,
    IReadOnlyList<double> Open,
    IReadOnlyList<double> High,
    IReadOnlyList<double> Low,
    IReadOnlyList<double> Close,
    IReadOnlyList<double> Volume)
{
    public int Count => Dates.Count;
}
