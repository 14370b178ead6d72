using Serilog;
using StockLakehouse.Core.Calendar;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Parquet;
using StockLakehouse.Core.Reference;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Jobs.Stages;

namespace StockLakehouse.SparkHost;

/// <summary>
/// The lake as the driver and every worker process open it: a GCS bucket (<c>gs://…</c>, with Application
/// Default Credentials, which on Dataproc are the batch's service account) or a local folder (a local
/// spark-submit). One store and one Parquet engine per process, shared by the tasks the process runs, and one
/// <see cref="LakeContext"/> per lake and run, so the company versions are read from the lake once per process.
/// </summary>
internal static class LakeStores
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, PartitionStore> Open = new(StringComparer.Ordinal);
    private static readonly Dictionary<(string Lake, string RunId), LakeContext> Contexts = [];
    private static readonly Lazy<ParquetFiles> SharedParquet = new(() => new ParquetFiles());

    /// <summary>The process's Parquet reader and writer (Parquet.Net).</summary>
    public static ParquetFiles Parquet => SharedParquet.Value;

    public static PartitionStore Partitions(string lake)
    {
        lock (Gate)
        {
            if (!Open.TryGetValue(lake, out var partitions))
            {
                partitions = new PartitionStore(Store(lake), Parquet);
                Open[lake] = partitions;
            }

            return partitions;
        }
    }

    /// <summary>The stages' context for <paramref name="lake"/> and <paramref name="runId"/>, with the reference data and schemas shipped with the host.</summary>
    public static LakeContext Context(string lake, string runId)
    {
        var partitions = Partitions(lake);
        lock (Gate)
        {
            if (!Contexts.TryGetValue((lake, runId), out var context))
            {
                context = new LakeContext(runId, partitions.Store, partitions, SchemaCatalog.LoadDefault(), ReferenceData.LoadDefault(), NyseCalendar.Instance, 1);
                Contexts[(lake, runId)] = context;
            }

            return context;
        }
    }

    /// <summary>The object key of a file Spark listed under the lake: the part from <paramref name="root"/> on (e.g. <c>raw/source=</c>).</summary>
    public static string KeyOf(string sparkPath, string root)
    {
        var at = sparkPath.LastIndexOf("/" + root, StringComparison.Ordinal);
        return at >= 0 ? sparkPath[(at + 1)..] : throw new ArgumentException($"'{sparkPath}' is not under the lake's '{root}' prefix.", nameof(sparkPath));
    }

    private static IObjectStore Store(string lake) => Cloud.Gcs.LakeStores.Open(lake, Log.Logger);
}
