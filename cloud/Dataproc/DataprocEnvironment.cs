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
    /// The conventional names for a project: the image in Artifact Registry repository <c>stocklakehouse</c> of
    /// the region, the service account <c>lakehouse-dataproc@</c>, and the region's <c>default</c> subnetwork.
    /// </summary>
    public static DataprocEnvironment Conventional(string project, string region) => new(
        $"{region}-docker.pkg.dev/{project}/stocklakehouse/spark-host:latest",
        $"lakehouse-dataproc@{project}.iam.gserviceaccount.com",
        $"projects/{project}/regions/{region}/subnetworks/default");
}
