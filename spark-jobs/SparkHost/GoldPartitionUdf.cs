using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Jobs.Stages;
using RecordBatch = Apache.Arrow.RecordBatch;

namespace StockLakehouse.SparkHost;

/// <summary>
/// The gold grouped-map function: receives one symbol's silver partition files (its file and its tail, if any) and hands them to
/// <see cref="GoldStage.RunPartitionAsync"/> — the stage the local runner calls — which replaces the symbol's
/// fact_stock_price and fact_technical_indicator partitions, each as one file (a tail a local daily run left is deleted first). The symbol is the partition folder's, read back through
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
        var context = LakeStores.Context(_lake, _runId);
        var stage = new GoldStage(context);
        var files = LakeFiles.Read(input, stage.Silver.LakePrefix + "/");
        var key = files.Keys.FirstOrDefault(k => LakeLayout.PartitionValueOf(stage.Silver, k) is not null);
        if (key is null || !Symbol.TryParse(LakeLayout.PartitionValueOf(stage.Silver, key), out var symbol))
        {
            throw new InvalidDataException($"The group holds no silver partition file of a symbol: {string.Join(", ", files.Keys)}.");
        }

        // A partition is its file and, as the local stages write it, its tail (ARCHITECTURE.md); anything else is not ours to guess about.
        var tailKey = LakeLayout.PartitionTail(stage.Silver, symbol.Value);
        if (files.Keys.Any(k => k != key && k != tailKey))
        {
            throw new InvalidDataException($"A silver partition is its file and at most its tail, but the group holds {files.Count}: {string.Join(", ", files.Keys)}.");
        }

        // The UDF's body is synchronous and runs on a worker thread with no synchronization context to deadlock on.
        (string, byte[])[] partition = files.TryGetValue(tailKey, out var tail) ? [(key, files[key]), (tailKey, tail)] : [(key, files[key])];
        var outcome = stage.RunPartitionAsync(symbol, async ct => await context.Partitions.DecodeAsync(stage.Silver, partition, ct).ConfigureAwait(false), CancellationToken.None).GetAwaiter().GetResult();
        return PartitionSummary.One(outcome);
    }
}
