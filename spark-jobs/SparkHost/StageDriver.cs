using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Jobs.Stages;
using Log = Serilog.Log;

namespace StockLakehouse.SparkHost;

/// <summary>
/// The Spark host's driver, without Spark: which files each stage's tasks read and how they are grouped, the stage's
/// steps over the whole lake around the tasks (gold's dimensions; silver's and gold's finishing steps, the quarantine
/// files and dim_date) and the summary. The grouped-map tasks run through <see cref="ISymbolGroups"/>, which
/// <see cref="SparkJobs"/> implements with Spark and the tests over Arrow batches, so the tests run this sequence as
/// the host does.
/// </summary>
internal static class StageDriver
{
    /// <summary>The escaped symbol of a raw object's file name: everything before its last '-' (<c>BRK-B-1a2b….meta.json</c> → <c>BRK-B</c>).</summary>
    internal const string RawSymbolPattern = "/([^/]+)-[^/-]+$";

    /// <summary>The escaped symbol of a partition folder (<c>…/symbol=BRK-B/part-0.parquet</c> → <c>BRK-B</c>).</summary>
    internal const string PartitionSymbolPattern = "/symbol=([^/]+)/[^/]+$";

    public static async Task<StageReport> SilverAsync(HostArguments run, ISymbolGroups groups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(groups);
        // Every raw dataset silver reads (Yahoo chart, Alpha Vantage daily) that has objects; Spark fails on a
        // path that does not exist, and a lake need not hold every source.
        var lake = LakeStores.Context(run.Lake, run.RunId);
        var prefixes = new List<string>();
        foreach (var (source, dataset) in SilverStage.RawDatasets)
        {
            var prefix = LakeLayout.RawPrefix(source, dataset);
            if (await HasObjectsAsync(lake.Store, prefix, cancellationToken).ConfigureAwait(false))
            {
                prefixes.Add(prefix);
            }
        }

        if (prefixes.Count == 0)
        {
            Log.Warning("Silver: the lake {Lake} holds no raw daily bars", run.Lake);
            return StageReport.From(Layers.Silver, []);
        }

        // Raw bodies and their .meta.json, grouped by the symbol in the file name; each row carries its group's file
        // count, so that a task handed part of a group (Spark cuts Arrow batches at
        // spark.sql.execution.arrow.maxRecordsPerBatch rows) fails instead of writing part of a partition.
        var udf = new SilverPartitionUdf(run.Lake, run.RunId);
        var outcomes = groups.Apply(new SymbolGroupQuery(prefixes, ".json", RawSymbolPattern, CountsGroupFiles: true), udf.Apply);
        var quarantine = await new SilverStage(lake).FinishAsync(outcomes, cancellationToken).ConfigureAwait(false);
        return Report(StageReport.From(Layers.Silver, [.. outcomes, quarantine]));
    }

    public static async Task<StageReport> GoldAsync(HostArguments run, ISymbolGroups groups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(groups);
        // The driver runs the stage's steps over the whole lake (dimensions, then quarantine and dim_date); the
        // tasks run its per-symbol step, one silver partition each (its file and its tail, if any).
        var stage = new GoldStage(LakeStores.Context(run.Lake, run.RunId));
        var dimensions = await stage.WriteDimensionsAsync(cancellationToken).ConfigureAwait(false);
        var udf = new GoldPartitionUdf(run.Lake, run.RunId);
        var outcomes = groups.Apply(new SymbolGroupQuery([stage.Silver.LakePrefix + "/"], ".parquet", PartitionSymbolPattern, CountsGroupFiles: false), udf.Apply);
        var finish = await stage.FinishAsync(run.Date, outcomes, cancellationToken).ConfigureAwait(false);
        return Report(StageReport.From(Layers.Gold, [dimensions, .. outcomes, finish]));
    }

    private static StageReport Report(StageReport report)
    {
        Log.Information(
            "Spark {Stage}: {Partitions} partitions written, {In} rows in, {Out} rows out, {Rejects} rejected",
            report.Stage,
            report.PartitionsWritten,
            report.RecordsIn,
            report.RecordsOut,
            report.Rejects);
        return report;
    }

    private static async Task<bool> HasObjectsAsync(IObjectStore store, string prefix, CancellationToken cancellationToken)
    {
        await foreach (var _ in store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        return false;
    }
}
