using System.Globalization;
using StockLakehouse.Cloud.Artifacts;
using StockLakehouse.Cloud.BigQuery;
using StockLakehouse.Cloud.Dataproc;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Cloud.Deploy;

/// <summary>
/// Prints a <see cref="DeployPlan"/> in the order a deploy carries it out: every object that would be uploaded
/// (local key → gs:// URI), the Dataproc batches, the BigQuery dataset and tables created when missing, the load
/// and merge jobs, marts and checks. The same plan always prints the same text.
/// </summary>
public static class DeployPlanPrinter
{
    public static async Task PrintAsync(DeployPlan plan, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(output);
        var o = plan.Options;
        var text = new List<string>
        {
            Invariant($"Deploy of {o.Date:yyyy-MM-dd}: lake {o.LakeFolder} -> gs://{o.Bucket}; BigQuery {o.Project}.{o.Dataset} in {o.Location}; Dataproc {o.Project}/{o.Region}"),
            string.Empty,
            Invariant($"UPLOAD {plan.Uploads.Count} objects, {plan.Uploads.Sum(u => u.Bytes):N0} bytes (raw landed on or before {o.Date:yyyy-MM-dd} is create-only, so objects the bucket has are kept; silver and gold partitions replace the bucket's)"),
        };
        if (!plan.Uploads.Any(u => u.CreateOnly))
        {
            text.Add(Invariant($"  (no raw object landed on {o.Date:yyyy-MM-dd} in the local lake)"));
        }

        if (plan.TailDeletes.Count > 0)
        {
            text.Add(Invariant($"  first: delete the bucket's tail of each of the {plan.TailDeletes.Count} silver and gold partitions (gs://{o.Bucket}/<partition>/{LakeLayout.TailFileName}, when there is one)"));
        }

        text.AddRange(plan.Uploads.Select(u => Invariant($"  {(u.CreateOnly ? "create " : "replace")} {u.Key} -> {u.Uri(o.Bucket)} ({u.Bytes:N0} bytes)")));

        text.Add(string.Empty);
        if (plan.Batches.Count == 0)
        {
            text.Add("SUBMIT no Dataproc batch (--skip-spark): the uploaded silver and gold are loaded as they are");
        }
        else
        {
            text.Add(Invariant($"SUBMIT {plan.Batches.Count} Dataproc batches, one after the other, each waited for until it ends"));
            foreach (var batch in plan.Batches)
            {
                text.Add(Invariant($"  {batch.Job}: POST {DataprocClient.DefaultEndpoint}projects/{o.Project}/locations/{o.Region}/batches?batchId={batch.BatchId}"));
                text.Add(Indent(ArtifactJson.Write(batch.Body), 4));
            }
        }

        text.Add(string.Empty);
        text.Add("CREATE when missing");
        text.Add(Invariant($"  dataset {o.Project}.{o.Dataset} in {o.Location}: POST {BigQueryClient.DefaultEndpoint}projects/{o.Project}/datasets"));
        foreach (var load in plan.Loads)
        {
            text.Add(Invariant($"  table {o.Project}.{o.Dataset}.{load.Table.Name}: POST {BigQueryClient.DefaultEndpoint}projects/{o.Project}/datasets/{o.Dataset}/tables"));
            text.Add(Indent(ArtifactJson.Write(load.TableResource), 4));
        }

        text.Add(string.Empty);
        text.Add(Invariant($"SUBMIT BigQuery jobs in {o.Location}: POST {BigQueryClient.DefaultEndpoint}projects/{o.Project}/jobs, each waited for until DONE"));
        text.Add(Invariant($"  load record {LoadStateSql.TableName}: run {o.LoadRun} started, not committed (query, useLegacySql false):"));
        text.Add(Indent(plan.LoadRecord.Begin, 4));
        foreach (var load in plan.Loads)
        {
            text.Add(Invariant($"  load {load.Table.Name} into {BigQueryDataset.StagingTableOf(load.Table.Name, o.StagingRun)} (this run's own; its MERGE sets it to expire after {BigQueryMergeSql.StagingRetentionDays} days):"));
            if (load.Table.LakePartition is { } partition)
            {
                text.Add(Invariant($"    (shown with every file; the run lists the bucket's {partition} partitions and stages only those whose MD5 differs from {LoadPartitionsSql.TableName}, by name, none when none changed)"));
            }

            text.Add(Indent(ArtifactJson.Write(load.LoadConfiguration), 4));
            text.Add(Invariant($"  merge {BigQueryDataset.StagingTableOf(load.Table.Name, o.StagingRun)} into {load.Table.Name} (query, useLegacySql false):"));
            text.Add(Indent(load.MergeSql, 4));
        }

        foreach (var (name, sql) in plan.Marts)
        {
            text.Add(Invariant($"  mart {name} (query, useLegacySql false):"));
            text.Add(Indent(sql, 4));
        }

        text.Add(Invariant($"  load record {LoadStateSql.TableName}: run {o.LoadRun} committed, last of all (query, useLegacySql false):"));
        text.Add(Indent(plan.LoadRecord.Commit, 4));

        text.Add(string.Empty);
        text.Add(Invariant($"REFUSE the checks unless the last load committed ({LoadStateSql.TableName}):"));
        text.Add(Indent(plan.LoadRecord.RequireCommitted, 4));
        text.Add(Invariant($"CHECK {plan.Checks.Count} checks with jobs.query, expecting the latest trade date {plan.ExpectedLatestTradeDate:yyyy-MM-dd}"));
        text.AddRange(plan.Checks.Select(c => Invariant($"  {c.Table}.{c.Name}: {c.CountSql}")));

        foreach (var line in text)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await output.WriteAsync(line + "\n").ConfigureAwait(false);
        }
    }

    private static string Indent(string block, int spaces)
    {
        var pad = new string(' ', spaces);
        return string.Join('\n', block.TrimEnd('\n').Split('\n').Select(l => l.Length == 0 ? l : pad + l));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
