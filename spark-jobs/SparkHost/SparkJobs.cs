using System.Globalization;
using System.Text;
using Microsoft.Spark.Sql;
using Microsoft.Spark.Sql.Expressions;
using Microsoft.Spark.Sql.Types;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Reference;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Jobs.Gold;
using StockLakehouse.Jobs.Local;
using StockLakehouse.Jobs.Silver;
using static Microsoft.Spark.Sql.Functions;
using Log = Serilog.Log;

namespace StockLakehouse.SparkHost;

/// <summary>
/// The silver and gold jobs on Spark. Spark only moves data: it lists and reads the lake's files
/// (<c>binaryFile</c>), groups them by symbol and runs one grouped-map task per symbol; the tasks call the
/// same partition functions as the local runner and write the same partition files. The driver writes what is
/// not per symbol: silver's quarantine file, gold's dimensions.
/// </summary>
internal static class SparkJobs
{
    /// <summary>The escaped symbol of a raw object's file name: everything before its last '-' (<c>BRK-B-1a2b….meta.json</c> → <c>BRK-B</c>).</summary>
    private const string RawSymbolPattern = "/([^/]+)-[^/-]+$";

    /// <summary>The escaped symbol of a partition folder (<c>…/symbol=BRK-B/part-0.parquet</c> → <c>BRK-B</c>).</summary>
    private const string PartitionSymbolPattern = "/symbol=([^/]+)/[^/]+$";

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
        var store = LakeStores.Partitions(run.Lake).Store;
        var paths = DailyBarSilverFunction.RawDatasets
            .Select(d => LakeLayout.RawPrefix(d.Source, d.Dataset))
            .Where(prefix => HasObjects(store, prefix))
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
        var udf = new SilverPartitionUdf(run.Lake);
        // Each row carries the number of files in its group, so that a task handed part of a group (Spark cuts
        // Arrow batches at spark.sql.execution.arrow.maxRecordsPerBatch rows) can tell and fail.
        var rows = raw
            .Select(RegexpExtract(Col("path"), RawSymbolPattern, 1).Alias("group_symbol"), Col("path"), Col("content"))
            .Select(
                Col("group_symbol"),
                Col("path"),
                Col("content"),
                Count(Col("path")).Over(Window.PartitionBy("group_symbol")).Alias(SilverPartitionUdf.GroupFilesColumn))
            .GroupBy("group_symbol")
            .Apply(Summary, udf.Apply)
            .Collect()
            .ToArray();

        WriteRejects(rows, Layers.Silver, DailyBarSilverFunction.TableName, run);

        Log.Information(
            "Silver: {Partitions} symbol partitions, {In} bars in, {Out} bars out",
            rows.Length,
            rows.Sum(r => Long(r, "rows_in")),
            rows.Sum(r => Long(r, "rows_out")));
    }

    public static void Gold(SparkSession spark, HostArguments run)
    {
        var schemas = SchemaCatalog.LoadDefault();
        var reference = ReferenceData.LoadDefault();
        var partitions = LakeStores.Partitions(run.Lake);
        void Write(string table, Core.Tables.RecordBatch batch) =>
            partitions.ReplaceAsync(schemas[table], null, batch, CancellationToken.None).GetAwaiter().GetResult();

        // The dimensions exactly as the local gold job builds them, dim_company with the landed company files and
        // dim_date, after the facts, through the year after the newest bar.
        Write("dim_exchange", DimExchangeBuilder.Build(reference.Exchanges));
        var (versions, rejects) = LandedCompanyFiles.VersionsAsync(partitions.Store, reference, CancellationToken.None).GetAwaiter().GetResult();
        Write("dim_company", DimCompanyBuilder.ToBatch(versions));
        if (rejects.Count > 0)
        {
            var key = LakeLayout.Quarantine(Layers.Gold, "dim_company", run.RunId);
            partitions.Store.PutAsync(key, Encoding.UTF8.GetBytes(QuarantineRecord.JsonLines(rejects)), CancellationToken.None).GetAwaiter().GetResult();
            Log.Warning("Quarantined {Files} unreadable company files in {Key}", rejects.Count, key);
        }

        var silver = spark.Read()
            .Format("binaryFile")
            .Option("pathGlobFilter", "*.parquet")
            .Option("recursiveFileLookup", "true")
            .Load($"{run.Lake}/{schemas[DailyBarSilverFunction.TableName].LakePrefix}/");
        var udf = new GoldPartitionUdf(run.Lake);
        var rows = silver
            .Select(RegexpExtract(Col("path"), PartitionSymbolPattern, 1).Alias("group_symbol"), Col("path"), Col("content"))
            .GroupBy("group_symbol")
            .Apply(Summary, udf.Apply)
            .Collect()
            .ToArray();

        WriteRejects(rows, Layers.Gold, "fact_stock_price", run);
        var lastBars = rows.Select(r => r.GetAs<string>("last_date")).Where(d => d.Length > 0)
            .Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        Write("dim_date", DimDateBuilder.Build(LocalGoldJob.CalendarStart, LocalGoldJob.CalendarEnd(run.Date, lastBars)));
        Log.Information(
            "Gold: 3 dimensions and {Partitions} symbol partitions, {In} bars in, {Out} rows out",
            rows.Length,
            rows.Sum(r => Long(r, "rows_in")),
            rows.Sum(r => Long(r, "rows_out")));
    }

    /// <summary>Writes the rejects the tasks returned, in symbol order, as the run's quarantine file of the table.</summary>
    private static void WriteRejects(Row[] rows, string layer, string table, HostArguments run)
    {
        var rejects = new StringBuilder();
        foreach (var row in rows.OrderBy(r => r.GetAs<string>("symbol"), StringComparer.Ordinal))
        {
            rejects.Append(row.GetAs<string>("rejects"));
        }

        if (rejects.Length > 0)
        {
            var key = LakeLayout.Quarantine(layer, table, run.RunId);
            LakeStores.Partitions(run.Lake).Store.PutAsync(key, Encoding.UTF8.GetBytes(rejects.ToString()), CancellationToken.None).GetAwaiter().GetResult();
            Log.Information("Quarantined rejects in {Key}", key);
        }
    }

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
