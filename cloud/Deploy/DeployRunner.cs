using Serilog;
using StockLakehouse.Cloud.BigQuery;
using StockLakehouse.Cloud.Dataproc;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Cloud.Deploy;

/// <summary>
/// Carries out a <see cref="DeployPlan"/> in order — upload, Spark batches, dataset and tables, then the warehouse
/// stage (<see cref="WarehouseStage"/>: load and merge per table, marts, load committed, checks) — stopping at the
/// first failure with the cloud service's own message. Every step
/// can be repeated: raw uploads are create-only, partitions are replaced whole, a batch that already succeeded
/// is followed rather than rerun, and the merges change nothing when the data did not change.
/// </summary>
public sealed class DeployRunner
{
    private readonly IObjectStore _bucket;
    private readonly DataprocBatchRunner _dataproc;
    private readonly BigQueryWarehouse _warehouse;
    private readonly ILogger _log;

    public DeployRunner(IObjectStore bucket, DataprocBatchRunner dataproc, BigQueryWarehouse warehouse, ILogger log)
    {
        _bucket = bucket;
        _dataproc = dataproc;
        _warehouse = warehouse;
        _log = log;
    }

    /// <param name="known">
    /// What the writer of the uploaded gold files knows of them, for partitions the bucket holds exactly as it wrote them
    /// (<see cref="BigQueryLakeWarehouse"/>): changed partitions then merge only from the date their change starts.
    /// </param>
    public async Task<DeployResult> RunAsync(DeployPlan plan, SchemaCatalog schemas, MartCatalog marts, CancellationToken cancellationToken, IPartitionFingerprintSource? known = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var (uploaded, existing) = await UploadAsync(plan, cancellationToken).ConfigureAwait(false);

        var batches = new List<string>();
        foreach (var batch in plan.Batches)
        {
            var done = await _dataproc.RunAsync(batch.BatchId, batch.Body, cancellationToken).ConfigureAwait(false);
            batches.Add(done.Name);
        }

        await _warehouse.EnsureDatasetAsync("StockLakehouse warehouse: the gold star schema and its marts, loaded from the lake by `lakehouse deploy` and the Composer DAGs.", cancellationToken).ConfigureAwait(false);
        var tables = plan.Loads.Select(l => l.Table).ToArray();

        // The warehouse stage the local pipeline runs too: load every table, the marts, commit; then check.
        var warehouse = new BigQueryLakeWarehouse(_warehouse, _bucket, plan.Options.Bucket, plan.Options.StagingRun, schemas, marts, _log, known);
        var stage = new WarehouseStage(warehouse, marts, _log);
        var load = await stage.LoadAsync(plan.Options.LoadRun, tables, null, cancellationToken).ConfigureAwait(false);
        var checks = await stage.CheckAsync(tables, plan.ExpectedLatestTradeDate, cancellationToken).ConfigureAwait(false);
        return new DeployResult(uploaded, existing, warehouse.TablesCreated, batches, load.Tables, checks);
    }

    private async Task<(int Uploaded, int Existing)> UploadAsync(DeployPlan plan, CancellationToken cancellationToken)
    {
        int uploaded = 0, existing = 0;
        foreach (var tail in plan.TailDeletes)
        {
            await _bucket.DeleteAsync(tail, cancellationToken).ConfigureAwait(false);
        }

        foreach (var upload in plan.Uploads)
        {
            var bytes = await File.ReadAllBytesAsync(upload.LocalPath, cancellationToken).ConfigureAwait(false);
            if (upload.CreateOnly)
            {
                if (await _bucket.CreateAsync(upload.Key, bytes, cancellationToken).ConfigureAwait(false))
                {
                    uploaded++;
                }
                else
                {
                    existing++;
                    _log.Debug("{Uri} is already in the bucket; raw objects are never overwritten", upload.Uri(plan.Options.Bucket));
                }
            }
            else
            {
                await _bucket.PutAsync(upload.Key, bytes, cancellationToken).ConfigureAwait(false);
                uploaded++;
            }
        }

        _log.Information("Uploaded {Uploaded} objects to gs://{Bucket}; {Existing} raw objects were already there", uploaded, plan.Options.Bucket, existing);
        return (uploaded, existing);
    }
}
