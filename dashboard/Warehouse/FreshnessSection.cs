using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Warehouse;
using StockLakehouse.Warehouse;

namespace StockLakehouse.Dashboard.Warehouse;

/// <summary>
/// Data freshness per warehouse table (the gold tables of <c>schemas/</c>) against the session the warehouse should
/// reach, the one the freshness checks expect: rows, the newest date of its date partitioning column, how many NYSE
/// sessions that is behind the expected one, and how many symbols end before the expected session.
/// </summary>
internal static class FreshnessSection
{
    public static void Write(Utf8JsonWriter json, DuckDBConnection warehouse, SchemaCatalog schemas, DateOnly expected)
    {
        json.WriteString("expected_session", Text(expected));
        json.WriteStartArray("freshness");
        foreach (var table in schemas.Tables.Where(t => t.Layer == Layers.Gold))
        {
            var name = DuckDbSql.Identifier(table.Name);
            json.WriteStartObject();
            json.WriteString("table", table.Name);
            json.WriteNumber("rows", warehouse.Scalar<long>($"SELECT COUNT(*) FROM {name}"));
            if (table.Partitioning is { } partitioning)
            {
                var column = DuckDbSql.Identifier(partitioning.Field);
                json.WriteString("date_column", partitioning.Field);
                if (warehouse.Scalar<object?>($"SELECT CAST(MAX({column}) AS DATE) FROM {name}") is DateOnly newest)
                {
                    json.WriteString("newest", Text(newest));
                    json.WriteNumber("sessions_behind", newest >= expected ? 0 : NyseCalendar.Instance.CountTradingDays(newest.AddDays(1), expected));
                }

                if (table.Fields.Any(f => f.Name == "symbol"))
                {
                    json.WriteNumber(
                        "symbols_behind",
                        warehouse.Scalar<long>($"SELECT COUNT(*) FROM (SELECT MAX({column}) AS newest FROM {name} GROUP BY symbol) WHERE newest < $1::DATE", Text(expected)));
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
