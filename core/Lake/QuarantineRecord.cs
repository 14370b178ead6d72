using System.Text.Json.Serialization;

namespace StockLakehouse.Core.Lake;

/// <summary>
/// A rejected record or payload and the reason, written to <c>_quarantine/</c> so nothing is lost silently.
/// <see cref="Index"/> is the element's position in the raw payload, null when the whole payload was rejected.
/// </summary>
public sealed record QuarantineRecord(
    [property: JsonPropertyName("table")] string Table,
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("raw_object")] string RawObject,
    [property: JsonPropertyName("index")] int? Index,
    [property: JsonPropertyName("trade_date")] DateOnly? TradeDate,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("detail")] string Detail);
