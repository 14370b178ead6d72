namespace StockLakehouse.Core.Reference;

/// <summary>An exchange from data/reference/exchanges.csv; <see cref="YahooCodes"/> are Yahoo's exchangeName values for it.</summary>
public sealed record ExchangeReference(string Mic, string Name, string TimeZone, string Country, string Currency, IReadOnlyList<string> YahooCodes);
