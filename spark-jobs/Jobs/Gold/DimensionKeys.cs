using System.Globalization;
using StockLakehouse.Core.Domain;

namespace StockLakehouse.Jobs.Gold;

/// <summary>The deterministic surrogate keys of the dimensions, derived from their natural keys.</summary>
public static class DimensionKeys
{
    public static long Exchange(string mic) => SurrogateKey.For("exchange", mic);

    public static long Company(Symbol symbol, DateOnly validFrom) =>
        SurrogateKey.For("company", symbol.Value, validFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
