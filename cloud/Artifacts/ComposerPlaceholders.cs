namespace StockLakehouse.Cloud.Artifacts;

/// <summary>
/// The Jinja placeholders the generated templates contain. The DAG supplies the <c>params</c> values; Airflow
/// supplies the macros (<c>ds</c> is the logical date as yyyy-MM-dd, <c>ds_nodash</c> as yyyymmdd) and renders
/// both when it templates the operators' fields.
/// </summary>
public static class ComposerPlaceholders
{
    public const string Project = "{{ params.project }}";
    public const string Dataset = "{{ params.dataset }}";
    public const string Bucket = "{{ params.bucket }}";
    public const string Region = "{{ params.region }}";
    public const string Location = "{{ params.location }}";
    public const string ContainerImage = "{{ params.container_image }}";
    public const string ServiceAccount = "{{ params.service_account }}";
    public const string Subnetwork = "{{ params.subnetwork }}";
    public const string RunDate = "{{ ds }}";
    public const string RunDateNoDash = "{{ ds_nodash }}";

    /// <summary>Each DAG param with what it means, for the manifest.</summary>
    public static IReadOnlyDictionary<string, string> Params { get; } = new Dictionary<string, string>
    {
        ["project"] = "Google Cloud project of BigQuery and Dataproc",
        ["dataset"] = "BigQuery dataset of the warehouse",
        ["location"] = "BigQuery location of the dataset (the bucket's region)",
        ["bucket"] = "GCS bucket of the lake (no gs:// prefix)",
        ["region"] = "Dataproc region",
        ["container_image"] = "Dataproc custom container image built from spark-jobs/Dockerfile",
        ["service_account"] = "service account the Dataproc batches run as",
        ["subnetwork"] = "subnetwork URI the Dataproc batches run in",
    };
}
