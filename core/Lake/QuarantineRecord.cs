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
    [property: JsonPropertyName("detail")] string Detail)
{
    /// <summary>The records as a quarantine file's content: one compact JSON object per line, in the order given.</summary>
    public static string JsonLines(IEnumerable<QuarantineRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var lines = new System.Text.StringBuilder();
        foreach (var record in records)
        {
            lines.Append(System.Text.Json.JsonSerializer.Serialize(record)).Append('\n');
        }

        return lines.ToString();
    }
}
