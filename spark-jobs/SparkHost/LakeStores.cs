using Serilog;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Parquet;

namespace StockLakehouse.SparkHost;

/// <summary>
/// The lake as the driver and every worker process open it: a GCS bucket (<c>gs://…</c>, with Application
/// Default Credentials, which on Dataproc are the batch's service account) or a local folder (a local
/// spark-submit). One store and one Parquet engine per process, shared by the tasks the process runs.
/// </summary>
internal static class LakeStores
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, PartitionStore> Open = new(StringComparer.Ordinal);
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

    /// <summary>The object key of a file Spark listed under the lake: the part from <paramref name="root"/> on (e.g. <c>raw/source=</c>).</summary>
    public static string KeyOf(string sparkPath, string root)
    {
        var at = sparkPath.LastIndexOf("/" + root, StringComparison.Ordinal);
        return at >= 0 ? sparkPath[(at + 1)..] : throw new ArgumentException($"'{sparkPath}' is not under the lake's '{root}' prefix.", nameof(sparkPath));
    }

    private static IObjectStore Store(string lake) => Cloud.Gcs.LakeStores.Open(lake, Log.Logger);
}
