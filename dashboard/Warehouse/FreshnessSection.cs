using System.Text.Json;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Dashboard.Warehouse;

/// <summary>
/// Data freshness per warehouse table (the gold tables of <c>schemas/</c>): rows, the newest date of its date
/// partitioning column, and how many symbols end before that date (delisted, or not yet refreshed).
/// </summary>
internal static class FreshnessSection
{
    public static async Task WriteAsync(Utf8JsonWriter json, WarehouseReader warehouse, SchemaCatalog schemas, CancellationToken cancellationToken)
    {
        json.WriteStartArray("freshness");
        foreach (var table in schemas.Tables.Where(t => t.Layer == "gold"))
        {
            json.WriteStartObject();
            json.WriteString("table", table.Name);
            json.WriteNumber("rows", await warehouse.ScalarAsync<long>($"SELECT COUNT(*) FROM \"{table.Name}\"", cancellationToken).ConfigureAwait(false));
            if (table.Partitioning is { } partitioning)
            {
                var newest = await warehouse.ScalarAsync<string>($"SELECT CAST(MAX(\"{partitioning.Field}\") AS VARCHAR) FROM \"{table.Name}\"", cancellationToken).ConfigureAwait(false);
                json.WriteString("date_column", partitioning.Field);
                json.WriteString("newest", newest);

                if (table.Fields.Any(f => f.Name == "symbol"))
                {
                    var behind = await warehouse.ScalarAsync<long>(
                        $"SELECT COUNT(*) FROM (SELECT MAX(\"{partitioning.Field}\") AS newest FROM \"{table.Name}\" GROUP BY symbol) WHERE newest < (SELECT MAX(\"{partitioning.Field}\") FROM \"{table.Name}\")",
                        cancellationToken).ConfigureAwait(false);
                    json.WriteNumber("symbols_behind", behind);
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
