using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Jobs.Stages;
using RecordBatch = Apache.Arrow.RecordBatch;

namespace StockLakehouse.SparkHost;

/// <summary>
/// The gold grouped-map function: receives one symbol's silver partition file and hands it to
/// <see cref="GoldStage.RunPartitionAsync"/> — the stage the local runner calls — which replaces the symbol's
/// fact_stock_price and fact_technical_indicator partitions. The symbol is the partition folder's, read back through
/// <see cref="LakeLayout.PartitionValueOf"/> as the local runner lists it.
/// </summary>
/// <remarks>
/// Microsoft.Spark ships the UDF's target to the workers field by field (statics included, but only instance
/// fields are restored), so this class holds nothing but the lake's address and the run id; per-process caches live
/// in <see cref="LakeStores"/>.
/// </remarks>
[Serializable]
internal sealed class GoldPartitionUdf
{
    private readonly string _lake;
    private readonly string _runId;

    public GoldPartitionUdf(string lake, string runId)
    {
        _lake = lake;
        _runId = runId;
    }

    public RecordBatch Apply(RecordBatch input)
    {
        var stage = new GoldStage(LakeStores.Context(_lake, _runId));
        var files = LakeFiles.Read(input, stage.Silver.LakePrefix + "/");
        if (files.Count != 1)
        {
            // One file per partition is the lake's contract (ARCHITECTURE.md); anything else is not ours to guess about.
            throw new InvalidDataException($"A silver partition must be exactly one file, but the group holds {files.Count}: {string.Join(", ", files.Keys)}.");
        }

        var (key, bytes) = files.Single();
        if (!Symbol.TryParse(LakeLayout.PartitionValueOf(stage.Silver, key), out var symbol))
        {
            throw new InvalidDataException($"'{key}' is not a silver partition file of a symbol.");
        }

        // The UDF's body is synchronous and runs on a worker thread with no synchronization context to deadlock on.
        var outcome = stage.RunPartitionAsync(symbol, ct => ReadAsync(stage.Silver, key, bytes, ct), CancellationToken.None).GetAwaiter().GetResult();
        return PartitionSummary.One(outcome);
    }

    private static async Task<Core.Tables.RecordBatch?> ReadAsync(TableSchema table, string key, byte[] bytes, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(bytes, writable: false);
        return await LakeStores.Parquet.ReadAsync(table, content, $"'{key}'", cancellationToken).ConfigureAwait(false);
    }
}
