using StockLakehouse.Core.Reference;
using StockLakehouse.Core.Tables;

namespace StockLakehouse.Jobs.Gold;

/// <summary>Builds dim_exchange from the exchange reference file.</summary>
public static class DimExchangeBuilder
{
    public static RecordBatch Build(IReadOnlyList<ExchangeReference> exchanges) => new(
    [
        new Int64Column("exchange_key", exchanges.Select(e => DimensionKeys.Exchange(e.Mic)).ToArray()),
        new StringColumn("mic", exchanges.Select(e => (string?)e.Mic).ToArray()),
        new StringColumn("name", exchanges.Select(e => (string?)e.Name).ToArray()),
        new StringColumn("timezone", exchanges.Select(e => (string?)e.TimeZone).ToArray()),
        new StringColumn("country", exchanges.Select(e => (string?)e.Country).ToArray()),
        new StringColumn("currency", exchanges.Select(e => (string?)e.Currency).ToArray()),
    ]);
}
