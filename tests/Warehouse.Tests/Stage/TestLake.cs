using System.Globalization;
using StockLakehouse.Core.Lake;

namespace StockLakehouse.Warehouse.Tests.Stage;

/// <summary>
/// A temporary lake and warehouse folder for a small partitioned table <see cref="Prices"/> (symbol, day, close) and a
/// mart over it, written in the lake's layout (<c>gold/prices/symbol=…/part-0.parquet</c>) by DuckDB.
/// </summary>
internal sealed class TestLake : IDisposable
{
    public static readonly TableSchema Prices = new(
        "prices",
        "gold",
        "Test prices.",
        [
            new FieldSchema("symbol", "STRING", true, "Symbol."),
            new FieldSchema("day", "INT64", true, "Day number."),
            new FieldSchema("close", "FLOAT64", true, "Close."),
        ],
        ["symbol", "day"],
        "symbol",
        null,
        [],
        []);

    /// <summary>A fact table partitioned by symbol in the lake and by month of its key's trade_date in the warehouse, whose loads can be bounded by a date.</summary>
    public static readonly TableSchema DatedPrices = new(
        "dated_prices",
        "gold",
        "Test prices by trade date.",
        [
            new FieldSchema("symbol", "STRING", true, "Symbol."),
            new FieldSchema("trade_date", "DATE", true, "Trade date."),
            new FieldSchema("close", "FLOAT64", true, "Close."),
        ],
        ["symbol", "trade_date"],
        "symbol",
        new Partitioning("trade_date", "MONTH"),
        [],
        []);

    public TestLake()
    {
        Directory.CreateDirectory(MartsFolder);
        File.WriteAllText(Path.Combine(MartsFolder, "marts.json"), """{"views": ["mart_last_close"], "correlation_symbols": ["AAA"]}""");
        File.WriteAllText(Path.Combine(MartsFolder, "mart_last_close.sql"), "SELECT symbol, MAX(day) AS last_day FROM prices GROUP BY symbol");
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"stocklakehouse-stage-{Guid.NewGuid():N}");

    public string LakeFolder => Path.Combine(Folder, "lake");

    public string MartsFolder => Path.Combine(Folder, "marts");

    public MartCatalog Marts => MartCatalog.Load(MartsFolder);

    public string WarehousePath(string name) => Path.Combine(Folder, "warehouse", name);

    /// <summary>Writes one partition per symbol with <paramref name="days"/> rows each, close = <paramref name="close"/> + day.</summary>
    public void Write(string[] symbols, int days, double close)
    {
        using var connection = DuckDbWarehouse.OpenConnection(":memory:");
        foreach (var symbol in symbols)
        {
            var file = PartitionFile(symbol);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            connection.Execute(string.Create(
                CultureInfo.InvariantCulture,
                $"COPY (SELECT '{symbol}' AS symbol, CAST(d AS BIGINT) AS day, CAST({close} + d AS DOUBLE) AS close FROM range({days}) t(d)) TO '{file}' (FORMAT parquet)"));
        }
    }

    /// <summary>Removes a symbol's partition, as a re-transform does when the symbol's raw objects became invalid.</summary>
    public void Remove(string symbol) => Directory.Delete(Path.GetDirectoryName(PartitionFile(symbol))!, recursive: true);

    public string PartitionFile(string symbol) => Path.Combine(LakeFolder, LakeLayout.Partition(Prices, symbol));

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
