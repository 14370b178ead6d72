namespace StockLakehouse.Cloud.Dataproc;

/// <summary>
/// Where the lakehouse's Spark batches run: the custom container image (the Spark host and the .NET worker,
/// spark-jobs/Dockerfile), the service account they run as, and the subnetwork they run in.
/// </summary>
public sealed record DataprocEnvironment(string ContainerImage, string ServiceAccount, string SubnetworkUri)
{
    /// <summary>The placeholders the Composer DAG fills from its params.</summary>
    public static DataprocEnvironment Templated { get; } = new("{{ params.container_image }}", "{{ params.service_account }}", "{{ params.subnetwork }}");

    /// <summary>
    /// The names terraform/ gives these resources with its default prefix: the image <c>spark-dotnet</c> in the
    /// region's Artifact Registry repository <c>lakehouse-images</c>, the service account <c>lakehouse-dataproc@</c>,
    /// and the subnetwork <c>lakehouse-dataproc</c>. No staging bucket: runtime 3.0 and later do not use one.
    /// </summary>
    public static DataprocEnvironment Conventional(string project, string region) => new(
        $"{region}-docker.pkg.dev/{project}/lakehouse-images/spark-dotnet:latest",
        $"lakehouse-dataproc@{project}.iam.gserviceaccount.com",
        $"projects/{project}/regions/{region}/subnetworks/lakehouse-dataproc");
}
