using System.Globalization;
using Microsoft.Spark.Sql;
using Microsoft.Spark.Sql.Expressions;
using Microsoft.Spark.Sql.Types;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Jobs.Stages;
using static Microsoft.Spark.Sql.Functions;
using Log = Serilog.Log;

namespace StockLakehouse.SparkHost;

/// <summary>
/// The silver and gold jobs on Spark. Spark only moves data: it lists and reads the lake's files
/// (<c>binaryFile</c>), groups them by symbol and runs one grouped-map task per symbol; the tasks call the
/// stage's per-symbol step (<see cref="SilverStage"/>, <see cref="GoldStage"/>) as the local runner does and write
/// the same partition files. The driver calls the stage's steps that are not per symbol: the quarantine files, gold's
/// dimensions and dim_date.
/// </summary>
internal static class SparkJobs
{
    /// <summary>The escaped symbol of a raw object's file name: everything before its last '-' (<c>BRK-B-1a2b….meta.json</c> → <c>BRK-B</c>).</summary>
    internal const string RawSymbolPattern = "/([^/]+)-[^/-]+$";

    /// <summary>The escaped symbol of a partition folder (<c>…/symbol=BRK-B/part-0.parquet</c> → <c>BRK-B</c>).</summary>
    internal const string PartitionSymbolPattern = "/symbol=([^/]+)/[^/]+$";

    /// <summary>The Spark schema of what the grouped-map tasks return: <see cref="PartitionSummary.Schema"/>, field for field.</summary>
    private static readonly StructType Summary = new(PartitionSummary.Schema.FieldsList.Select(f => new StructField(f.Name, f.DataType switch
    {
        Apache.Arrow.Types.StringType => new StringType(),
        Apache.Arrow.Types.Int64Type => new LongType(),
        _ => throw new NotSupportedException($"The summary column '{f.Name}' is Arrow {f.DataType.Name}, which the host does not map to a Spark type."),
    }, f.IsNullable)));

    public static void Silver(SparkSession spark, HostArguments run)
    {
        // Every raw dataset silver reads (Yahoo chart, Alpha Vantage daily) that has objects; Spark fails on a
        // path that does not exist, and a lake need not hold every source.
        var lake = LakeStores.Context(run.Lake, run.RunId);
        var paths = SilverStage.RawDatasets
            .Select(d => LakeLayout.RawPrefix(d.Source, d.Dataset))
            .Where(prefix => HasObjects(lake.Store, prefix))
            .Select(prefix => $"{run.Lake}/{prefix}")
            .ToArray();
        if (paths.Length == 0)
        {
            Log.Warning("Silver: the lake {Lake} holds no raw daily bars", run.Lake);
            return;
        }

        var raw = spark.Read()
            .Format("binaryFile")
            .Option("pathGlobFilter", "*.json")
            .Option("recursiveFileLookup", "true")
            .Load(paths);
        var udf = new SilverPartitionUdf(run.Lake, run.RunId);
        // Each row carries the number of files in its group, so that a task handed part of a group (Spark cuts
        // Arrow batches at spark.sql.execution.arrow.maxRecordsPerBatch rows) can tell and fail.
        var outcomes = Outcomes(raw
            .Select(RegexpExtract(Col("path"), RawSymbolPattern, 1).Alias("group_symbol"), Col("path"), Col("content"))
            .Select(
                Col("group_symbol"),
                Col("path"),
                Col("content"),
                Count(Col("path")).Over(Window.PartitionBy("group_symbol")).Alias(SilverPartitionUdf.GroupFilesColumn))
            .GroupBy("group_symbol")
            .Apply(Summary, udf.Apply));

        var quarantine = new SilverStage(lake).FinishAsync(outcomes, CancellationToken.None).GetAwaiter().GetResult();
        Report(StageReport.From(Layers.Silver, [.. outcomes, quarantine]));
    }

    public static void Gold(SparkSession spark, HostArguments run)
    {
        // The driver runs the stage's steps over the whole lake (dimensions, then quarantine and dim_date); the
        // tasks run its per-symbol step.
        var stage = new GoldStage(LakeStores.Context(run.Lake, run.RunId));
        var dimensions = stage.WriteDimensionsAsync(CancellationToken.None).GetAwaiter().GetResult();
        var silver = spark.Read()
            .Format("binaryFile")
            .Option("pathGlobFilter", "*.parquet")
            .Option("recursiveFileLookup", "true")
            .Load($"{run.Lake}/{stage.Silver.LakePrefix}/");
        var udf = new GoldPartitionUdf(run.Lake, run.RunId);
        var outcomes = Outcomes(silver
            .Select(RegexpExtract(Col("path"), PartitionSymbolPattern, 1).Alias("group_symbol"), Col("path"), Col("content"))
            .GroupBy("group_symbol")
            .Apply(Summary, udf.Apply));

        var finish = stage.FinishAsync(run.Date, outcomes, CancellationToken.None).GetAwaiter().GetResult();
        Report(StageReport.From(Layers.Gold, [dimensions, .. outcomes, finish]));
    }

    /// <summary>The tasks' summary rows, collected to the driver, as the stage's outcomes.</summary>
    private static PartitionOutcome[] Outcomes(DataFrame summaries) =>
        [.. summaries.Collect().Select(r => PartitionSummary.Outcome(
            r.GetAs<string>("symbol"),
            Long(r, "rows_in"),
            Long(r, "rows_out"),
            r.GetAs<string>("partitions"),
            r.GetAs<string>("rejects"),
            r.GetAs<string>("last_date"),
            Long(r, "duration_ms")))];

    private static void Report(StageReport report) =>
        Log.Information(
            "Spark {Stage}: {Partitions} partitions written, {In} rows in, {Out} rows out, {Rejects} rejected",
            report.Stage,
            report.PartitionsWritten,
            report.RecordsIn,
            report.RecordsOut,
            report.Rejects);

    private static bool HasObjects(IObjectStore store, string prefix)
    {
        var objects = store.ListAsync(prefix, CancellationToken.None).GetAsyncEnumerator();
        try
        {
            return objects.MoveNextAsync().AsTask().GetAwaiter().GetResult();
        }
        finally
        {
            objects.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Spark hands small longs back as Int32 through its pickler, so read them without assuming the boxed type.</summary>
    private static long Long(Row row, string column) => Convert.ToInt64(row.Get(column), CultureInfo.InvariantCulture);
}
