namespace StockLakehouse.Core.Reference;

/// <summary>
/// An exchange from data/reference/exchanges.csv; <see cref="YahooCodes"/> are Yahoo's exchangeName values for it and
/// <see cref="AlphaVantageCodes"/> the exchange names Alpha Vantage's OVERVIEW and LISTING_STATUS give it.
/// </summary>
public sealed record ExchangeReference(string Mic, string Name, string TimeZone, string Country, string Currency, IReadOnlyList<string> YahooCodes)
{
    public IReadOnlyList<string> AlphaVantageCodes { get; init; } = [];
}
