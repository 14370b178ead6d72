using StockLakehouse.Core.Domain;

namespace StockLakehouse.Extractor.Sources.Simulated;

/// <summary>
/// What the simulator needs to know about a listing to fill a chart response's <c>meta</c>: Yahoo's exchange
/// code (<c>NMS</c> for Nasdaq, <c>NYQ</c> for NYSE), the display name and the currency. Only
/// <see cref="Symbol"/> feeds the price path, so moving a symbol between exchanges keeps its history.
/// </summary>
public sealed record SimulatedInstrument(Symbol Symbol, string YahooExchangeCode, string FullExchangeName, string Currency)
{
    /// <summary>A Nasdaq Global Select listing as Yahoo labels it.</summary>
    public static SimulatedInstrument Nasdaq(Symbol symbol) => new(symbol, "NMS", "NasdaqGS", "USD");
}
