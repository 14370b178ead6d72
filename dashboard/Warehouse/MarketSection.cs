using System.Text.Json;
using DuckDB.NET.Data;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Warehouse;

namespace StockLakehouse.Dashboard.Warehouse;

/// <summary>
/// The market views, read from the marts: each sector's cumulative equal-weighted return over the whole history, the
/// latest day's top movers, every symbol's latest snapshot with its 52-week range, and the latest correlation of each pair.
/// </summary>
internal static class MarketSection
{
    // exp(Σ ln(1 + r)) is the running product of (1 + r): growth of 1 invested equally in the sector's symbols.
    private const string SectorGrowthSql = """
        SELECT COALESCE(sector, '(no sector)') AS sector, trade_date,
               EXP(SUM(LN(1 + COALESCE(avg_return_1d, 0))) OVER (PARTITION BY sector ORDER BY trade_date)) AS growth
        FROM mart_sector_daily_performance
        ORDER BY 1, trade_date
        """;

    private const string TopMoversSql = $"""
        SELECT symbol, name, sector, close, return_1d, gain_rank, loss_rank, trade_date
        FROM mart_top_movers
        WHERE trade_date = (SELECT MAX(trade_date) FROM {LakeNames.FactStockPrice})
        ORDER BY return_1d DESC, symbol
        """;

    private const string SnapshotSql = """
        SELECT symbol, name, sector, mic, trade_date, close, adj_close, volume, return_1d,
               high_52w, low_52w, pct_from_high_52w, pct_from_low_52w, rsi_14, volatility_20d
        FROM mart_latest_snapshot
        ORDER BY symbol
        """;

    private const string CorrelationSql = """
        SELECT symbol_a, symbol_b, correlation_60d, trade_date
        FROM mart_return_correlation_60d
        WHERE correlation_60d IS NOT NULL
        QUALIFY ROW_NUMBER() OVER (PARTITION BY symbol_a, symbol_b ORDER BY trade_date DESC) = 1
        ORDER BY symbol_a, symbol_b
        """;

    private static readonly Column[] SectorColumns = [Column.Day("date"), Column.Significant("growth", 5)];

    private static readonly Column[] MoverColumns =
    [
        Column.Text("symbol"), Column.Text("name"), Column.Text("sector"), Column.Exact("close"), Column.Fixed("return_1d", 5),
        Column.Integer("gain_rank"), Column.Integer("loss_rank"), Column.Day("date"),
    ];

    private static readonly Column[] SnapshotColumns =
    [
        Column.Text("symbol"), Column.Text("name"), Column.Text("sector"), Column.Text("mic"), Column.Day("date"), Column.Exact("close"),
        Column.Significant("adj_close", 6), Column.Integer("volume"), Column.Fixed("return_1d", 5), Column.Significant("high_52w", 6),
        Column.Significant("low_52w", 6), Column.Fixed("pct_from_high_52w", 4), Column.Fixed("pct_from_low_52w", 4), Column.Fixed("rsi_14", 2),
        Column.Fixed("volatility_20d", 4),
    ];

    private static readonly Column[] CorrelationColumns = [Column.Text("a"), Column.Text("b"), Column.Fixed("r", 2), Column.Day("date")];

    /// <summary>Writes the <c>market</c> object and returns every symbol with a snapshot, in order, with its latest traded value.</summary>
    public static async Task<IReadOnlyList<TradedSymbol>> WriteAsync(Utf8JsonWriter json, DuckDBConnection warehouse, CancellationToken cancellationToken)
    {
        json.WriteStartObject("market");
        json.WritePropertyName("sectors");
        await warehouse.ReadAsync(SectorGrowthSql, [], r => ColumnarJson.WriteGroupedAsync(json, r, SectorColumns, cancellationToken), cancellationToken).ConfigureAwait(false);
        json.WritePropertyName("movers");
        await warehouse.ReadAsync(TopMoversSql, [], r => ColumnarJson.WriteAsync(json, r, MoverColumns, cancellationToken), cancellationToken).ConfigureAwait(false);
        json.WritePropertyName("correlation");
        await warehouse.ReadAsync(CorrelationSql, [], r => ColumnarJson.WriteAsync(json, r, CorrelationColumns, cancellationToken), cancellationToken).ConfigureAwait(false);
        json.WritePropertyName("snapshot");
        var snapshot = await warehouse.ReadAsync(SnapshotSql, [], r => ColumnarJson.WriteAsync(json, r, SnapshotColumns, cancellationToken), cancellationToken).ConfigureAwait(false);
        var symbols = snapshot[0]
            .Select((symbol, row) => new TradedSymbol((string)symbol!, snapshot[5][row] is double close && snapshot[7][row] is long volume ? close * volume : 0))
            .ToArray();
        json.WriteEndObject();
        return symbols;
    }
}
