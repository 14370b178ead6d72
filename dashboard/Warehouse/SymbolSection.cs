using System.Text.Json;
using DuckDB.NET.Data;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Warehouse;

namespace StockLakehouse.Dashboard.Warehouse;

/// <summary>
/// The symbol view's data: every company version (name, sector, exchange and the dates each was valid), and for the
/// charted symbols the last sessions of adjusted candles, volume and the warehouse's indicators, which are computed on
/// the same adjusted prices.
/// </summary>
internal static class SymbolSection
{
    private const string CompaniesSql = $"""
        SELECT c.symbol, c.valid_from, c.valid_to, c.name, c.sector, c.industry, e.mic, e.name AS exchange
        FROM {LakeNames.DimCompany} AS c
        JOIN {LakeNames.DimExchange} AS e ON e.exchange_key = c.exchange_key
        ORDER BY c.symbol, c.valid_from
        """;

    // Open, high and low are scaled by adj_close / close, as the indicators' inputs are, so the bands sit on the candles.
    private const string ChartSql = $"""
        SELECT f.symbol, f.trade_date,
               f.open * f.adj_close / f.close, f.high * f.adj_close / f.close, f.low * f.adj_close / f.close, f.adj_close, f.volume,
               i.sma_20, i.sma_50, i.sma_200, i.bb_upper, i.bb_lower, i.rsi_14, i.macd, i.macd_signal, i.macd_hist
        FROM {LakeNames.FactStockPrice} AS f
        LEFT JOIN {LakeNames.FactTechnicalIndicator} AS i ON i.symbol = f.symbol AND i.trade_date = f.trade_date
        WHERE f.symbol IN (SELECT unnest($1::VARCHAR[]))
        QUALIFY ROW_NUMBER() OVER (PARTITION BY f.symbol ORDER BY f.trade_date DESC) <= $2
        ORDER BY f.symbol, f.trade_date
        """;

    private static readonly Column[] CompanyColumns =
    [
        Column.Text("symbol"), Column.Day("from"), Column.Day("to"), Column.Text("name"), Column.Text("sector"), Column.Text("industry"), Column.Text("mic"), Column.Text("exchange"),
    ];

    private static readonly Column[] ChartColumns =
    [
        Column.Day("t"), Column.Significant("o", 5), Column.Significant("h", 5), Column.Significant("l", 5), Column.Significant("c", 5), Column.Integer("v"),
        Column.Significant("sma20", 5), Column.Significant("sma50", 5), Column.Significant("sma200", 5), Column.Significant("bbu", 5), Column.Significant("bbl", 5),
        Column.Fixed("rsi", 1), Column.Significant("macd", 4), Column.Significant("signal", 4), Column.Significant("hist", 4),
    ];

    /// <summary>Writes the <c>companies</c> and <c>charts</c> objects; returns the symbols charted.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(Utf8JsonWriter json, DuckDBConnection warehouse, IReadOnlyList<string> charted, int sessions, CancellationToken cancellationToken)
    {
        json.WritePropertyName("companies");
        await warehouse.ReadAsync(CompaniesSql, [], r => ColumnarJson.WriteAsync(json, r, CompanyColumns, cancellationToken), cancellationToken).ConfigureAwait(false);
        json.WriteNumber("chart_sessions", sessions);
        json.WritePropertyName("charts");
        if (charted.Count == 0)
        {
            json.WriteStartObject();
            json.WriteEndObject();
            return [];
        }

        return await warehouse.ReadAsync(ChartSql, [charted.ToList(), sessions], r => ColumnarJson.WriteGroupedAsync(json, r, ChartColumns, cancellationToken), cancellationToken).ConfigureAwait(false);
    }
}
