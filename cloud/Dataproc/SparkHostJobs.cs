using System.Globalization;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Cloud.Dataproc;

/// <summary>
/// The lakehouse's Spark jobs as Dataproc Serverless batches: the Microsoft.Spark host
/// (spark-jobs/SparkHost) started by <c>DotnetRunner</c> from the microsoft-spark jar, both baked into the
/// custom container (spark-jobs/Dockerfile), on runtime 3.0 (Spark 4.0, Scala 2.13).
/// </summary>
public static class SparkHostJobs
{
    public const string Silver = Layers.Silver;
    public const string Gold = Layers.Gold;

    /// <summary>The entry point of .NET for Apache Spark: it starts the .NET driver program and bridges it to the JVM.</summary>
    public const string DotnetRunner = "org.apache.spark.deploy.dotnet.DotnetRunner";

    /// <summary>Dataproc Serverless runtime 3.0 runs Spark 4.0 on Java 21 and Scala 2.13.</summary>
    public const string RuntimeVersion = "3.0";

    public const string MicrosoftSparkVersion = "2.4.0";

    /// <summary>The bridge jar for Spark 4.0 / Scala 2.13 shipped in the Microsoft.Spark package.</summary>
    public const string SparkJar = "microsoft-spark-4-0_2.13-" + MicrosoftSparkVersion + ".jar";

    /// <summary>Where spark-jobs/Dockerfile puts the jar in the container.</summary>
    public const string SparkJarUri = "file:///opt/spark-dotnet/" + SparkJar;

    /// <summary>Where spark-jobs/Dockerfile puts the published host.</summary>
    public const string HostAssembly = "/opt/lakehouse/StockLakehouse.SparkHost.dll";

    public static IReadOnlyList<string> All { get; } = [Silver, Gold];

    /// <summary>
    /// Lets <c>DotnetRunner</c> start on a Spark 4.0 patch release its bridge does not list: the 4.0 bridge of
    /// Microsoft.Spark 2.4.0 refuses any other version unless this is set, and runtime 3.0 moves to newer 4.0.x
    /// releases on its own. The major and minor version are still checked.
    /// </summary>
    public const string IgnoreSparkPatchVersionCheck = "spark.dotnet.ignoreSparkPatchVersionCheck";

    /// <summary>How many rows Spark puts in one Arrow batch it hands a grouped-map UDF (Spark's default is 10,000).</summary>
    public const string ArrowMaxRecordsPerBatch = "spark.sql.execution.arrow.maxRecordsPerBatch";

    /// <summary>
    /// The largest group a grouped-map UDF can receive in one Arrow batch. A symbol's silver group is every raw
    /// object of the symbol and its .meta.json — two rows per landed object, and daily mode lands one object a
    /// trading day, so about 504 rows a year: 1,000,000 rows hold about 1,980 years of daily runs. The batch
    /// holds one group's files in memory whatever the limit, so the limit costs nothing for smaller groups.
    /// The silver UDF fails when a group arrives split (<c>spark-jobs/SparkHost/SilverPartitionUdf.cs</c>).
    /// </summary>
    public const int MaxRecordsPerArrowBatch = 1_000_000;

    /// <summary>The Spark properties of every batch of the lakehouse.</summary>
    public static IReadOnlyDictionary<string, string> Properties { get; } = new Dictionary<string, string>
    {
        [IgnoreSparkPatchVersionCheck] = "true",
        [ArrowMaxRecordsPerBatch] = MaxRecordsPerArrowBatch.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The batch that runs <paramref name="job"/> over the lake <c>gs://<paramref name="bucket"/></c> for a run date.</summary>
    /// <param name="runDate">The run's date as yyyy-MM-dd, or a placeholder such as <c>{{ ds }}</c>.</param>
    /// <param name="dateLabel">The date as a label value (yyyymmdd, or <c>{{ ds_nodash }}</c>).</param>
    /// <param name="runId">The run id the host records quarantine under (the batch id).</param>
    public static SparkBatchSpec Spec(string job, string bucket, string runDate, string dateLabel, string runId, DataprocEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!All.Contains(job, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{job}' is not a Spark job of the lakehouse; the jobs are {string.Join(", ", All)}.", nameof(job));
        }

        return new SparkBatchSpec(
            DotnetRunner,
            [SparkJarUri],
            ["dotnet", HostAssembly, job, "--lake", $"gs://{bucket}", "--date", runDate, "--run-id", runId],
            RuntimeVersion,
            environment.ContainerImage,
            environment.ServiceAccount,
            environment.SubnetworkUri,
            Properties,
            new Dictionary<string, string>
            {
                ["app"] = "stocklakehouse",
                ["job"] = job,
                // The session the batch is for: with app and job, what the DAGs list a still-running batch of the same
                // job and session by (batches.list filter labels.session = <date>) before they create another.
                ["session"] = dateLabel,
            });
    }

    /// <summary>The batch for a known date, with its batch id as the run id.</summary>
    public static (string BatchId, SparkBatchSpec Spec) ForDate(string job, string bucket, DateOnly date, int attempt, DataprocEnvironment environment)
    {
        var batchId = DataprocBatchId.For($"lakehouse-{job}", date, attempt);
        var spec = Spec(job, bucket, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), date.ToString("yyyyMMdd", CultureInfo.InvariantCulture), batchId, environment);
        return (batchId, spec);
    }
}
