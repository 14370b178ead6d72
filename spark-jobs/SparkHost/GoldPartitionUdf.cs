using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Tables;
using StockLakehouse.Jobs.Gold;
using StockLakehouse.Jobs.Silver;

namespace StockLakehouse.SparkHost;

/// <summary>
/// The gold grouped-map function: receives one symbol's silver partition file, runs
/// <see cref="GoldPartitionFunction"/> — the local runner's function — and replaces the symbol's
/// fact_stock_price and fact_technical_indicator partitions. The symbol is taken from the file's column,
/// not from the escaped folder name, like every lake reader.
/// </summary>
/// <remarks>
/// Microsoft.Spark ships the UDF's target to the workers field by field (statics included, but only instance
/// fields are restored), so this class holds nothing but the lake's address; per-process caches live in
/// <see cref="LakeStores"/> and <see cref="CompanyVersions"/>.
/// </remarks>
[Serializable]
internal sealed class GoldPartitionUdf
{
    private readonly string _lake;

    public GoldPartitionUdf(string lake)
    {
        _lake = lake;
    }

    public Apache.Arrow.RecordBatch Apply(Apache.Arrow.RecordBatch input)
    {
        var schemas = SchemaCatalog.LoadDefault();
        var silver = schemas[DailyBarSilverFunction.TableName];
        var files = LakeFiles.Read(input, silver.LakePrefix + "/");
        if (files.Count != 1)
        {
            // One file per partition is the lake's contract (ARCHITECTURE.md); anything else is not ours to guess about.
            throw new InvalidDataException($"A silver partition must be exactly one file, but the group holds {files.Count}: {string.Join(", ", files.Keys)}.");
        }

        var (key, bytes) = files.Single();
        var batch = ReadParquet(silver, key, bytes);
        if (batch.RowCount == 0)
        {
            return PartitionSummary.Empty();
        }

        var symbol = Symbol.Parse(batch.Get<StringColumn>("symbol").Values[0] ?? throw new InvalidDataException($"'{key}' has a NULL symbol."));
        var bars = DailyBarBatch.FromBatch(symbol, batch);
        var versions = CompanyVersions.Of(_lake, symbol);
        if (GoldPartitionFunction.RejectUnknownCompany(bars, versions, key) is { } reject)
        {
            return PartitionSummary.One(symbol.Value, bars.Count, 0, [], [reject]);
        }

        var gold = GoldPartitionFunction.Compute(bars, versions);
        var partitions = LakeStores.Partitions(_lake);
        var facts = partitions.ReplaceAsync(schemas["fact_stock_price"], symbol.Value, gold.Facts, CancellationToken.None).GetAwaiter().GetResult();
        var indicators = partitions.ReplaceAsync(schemas["fact_technical_indicator"], symbol.Value, gold.Indicators, CancellationToken.None).GetAwaiter().GetResult();
        return PartitionSummary.One(symbol.Value, bars.Count, gold.Facts.RowCount + gold.Indicators.RowCount, [facts, indicators], [], bars.TradeDate[^1]);
    }

    private static RecordBatch ReadParquet(TableSchema table, string key, byte[] bytes)
    {
        // The UDF's body is synchronous and runs on a worker thread with no synchronization context to deadlock on.
        using var content = new MemoryStream(bytes, writable: false);
        try
        {
            return LakeStores.Parquet.ReadAsync(table, content, $"'{key}'", CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"Cannot read the silver partition '{key}': {e.Message}", e);
        }
    }
}
