namespace StockLakehouse.Core.Payloads.Yahoo;

/// <summary>The fields of <c>chart.result[0].meta</c> the lakehouse uses.</summary>
public sealed record YahooChartMeta(
    string? Symbol,
    string? Currency,
    string? ExchangeName,
    string? InstrumentType,
    string? ExchangeTimezoneName);
