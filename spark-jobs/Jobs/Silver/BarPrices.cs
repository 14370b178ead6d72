namespace StockLakehouse.Jobs.Silver;

/// <summary>A bar's prices and volume as a payload gives them (NaN where it gives none), before <see cref="BarRules"/>.</summary>
internal readonly record struct BarPrices(double Open, double High, double Low, double Close, double Volume);
