using StockLakehouse.Cloud.BigQuery;
using StockLakehouse.Cloud.Dataproc;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Cloud.Deploy;

/// <summary>
/// Works out a deploy of one date from the local lake, schemas/ and the marts:
/// <list type="bullet">
/// <item>upload every raw object landed on or before the date (create-only: what the bucket has is kept) and
/// every silver and gold partition (replace) — the Spark batches rebuild each symbol from all of its raw objects
/// in the bucket, so a bucket holding only the date's raw would shrink silver and gold to those days; each uploaded
/// silver and gold partition's tail in the bucket is deleted first, and uploaded again when the local lake has one;</item>
/// <item>run the silver and gold Spark batches for the date on Dataproc (unless switched off);</item>
/// <item>create the dataset and the gold tables when missing, load and merge each gold table in load order;</item>
/// <item>record the load as started in load_state before the first load, recreate the marts, record it committed;</item>
/// <item>refuse the checks unless the last load committed, then run them (marts_exist included), expecting the last
/// trading day on or before the date.</item>
/// </list>
/// </summary>
public static class DeployPlanner
{
    private static readonly string[] LayerOrder = [Layers.Silver, Layers.Gold];

    public static async Task<DeployPlan> PlanAsync(DeployOptions options, SchemaCatalog schemas, MartCatalog marts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(schemas);
        ArgumentNullException.ThrowIfNull(marts);
        if (!Directory.Exists(options.LakeFolder))
        {
            throw new DirectoryNotFoundException($"The local lake '{options.LakeFolder}' does not exist; run the pipeline (make run) first.");
        }

        var lake = new LocalDirectoryObjectStore(options.LakeFolder);
        var uploads = new List<PlannedUpload>();
        await foreach (var info in lake.ListAsync(LakeLayout.RawRoot + "/", cancellationToken).ConfigureAwait(false))
        {
            if (LakeLayout.IngestDateOf(info.Key) <= options.Date)
            {
                uploads.Add(new PlannedUpload(info.Key, lake.LocalPath(info.Key)!, info.Length, CreateOnly: true));
            }
        }

        // Lineage order: what a layer is built from goes up before the layer.
        var layers = schemas.Tables.Select(t => t.Layer).Distinct(StringComparer.Ordinal)
            .OrderBy(l => Array.IndexOf(LayerOrder, l) is var i and >= 0 ? i : LayerOrder.Length)
            .ThenBy(l => l, StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            await foreach (var info in lake.ListAsync(layer + "/", cancellationToken).ConfigureAwait(false))
            {
                uploads.Add(new PlannedUpload(info.Key, lake.LocalPath(info.Key)!, info.Length, CreateOnly: false));
            }
        }

        // A silver or gold partition is its file and, as the local stages write it, its tail: the bucket's tail of each uploaded
        // partition goes first, so the bucket never holds a partition file beside a tail of another split.
        var partitioned = schemas.Tables.Where(t => t.Layer is Layers.Silver or Layers.Gold && t.LakePartition is not null).ToArray();
        var tailDeletes = uploads
            .SelectMany(u => partitioned.Select(t => LakeLayout.PartitionValueOf(t, u.Key) is { } value ? LakeLayout.PartitionTail(t, value) : null))
            .OfType<string>()
            .ToArray();

        var batches = new List<PlannedBatch>();
        if (options.RunSparkBatches)
        {
            foreach (var job in SparkHostJobs.All)
            {
                var (batchId, spec) = SparkHostJobs.ForDate(job, options.Bucket, options.Date, options.Attempt, options.Environment);
                batches.Add(new PlannedBatch(job, batchId, DataprocBatchJson.For(spec, DataprocFieldNames.Camel)));
            }
        }

        var dataset = new BigQueryDataset(options.Project, options.Dataset);
        var tables = WarehouseStage.Tables(schemas);
        var loads = tables
            .Select(t => new PlannedLoad(t, BigQueryTableResource.For(t, dataset), BigQueryLoadJob.Configuration(t, dataset, options.Bucket, options.StagingRun), BigQueryMergeSql.For(t, dataset, options.StagingRun)))
            .ToArray();

        var relations = BigQueryMartSql.Relations(schemas, marts);
        var martSql = new List<(string, string)> { (MartCatalog.CorrelationTable, BigQueryMartSql.CorrelationSymbols(marts, dataset)) };
        martSql.AddRange(marts.Views.Select(v => (v.Name, BigQueryMartSql.View(v, dataset, relations))));

        var expected = NyseCalendar.Instance.LastTradingDayOnOrBefore(options.Date);
        // The stage checks the marts as well as the tables (WarehouseStage.CheckAsync).
        var checks = BigQueryCheckSql.For(tables, dataset, relations, expected).Append(BigQueryLoadStateSql.MartsExist(marts, dataset, relations)).ToArray();
        var record = new LoadRecordSql(
            BigQueryLoadStateSql.Begin(dataset, options.LoadRun),
            BigQueryLoadStateSql.Commit(dataset, options.LoadRun),
            BigQueryLoadStateSql.RequireCommitted(dataset));
        return new DeployPlan(options, tailDeletes, uploads, batches, loads, martSql, expected, checks, record);
    }
}
