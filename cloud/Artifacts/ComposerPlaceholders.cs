namespace StockLakehouse.Cloud.Artifacts;

/// <summary>
/// The Jinja placeholders the generated templates contain. The DAG supplies the <c>params</c> values; Airflow
/// supplies the macros (<c>ds</c> is the logical date as yyyy-MM-dd, <c>ds_nodash</c> as yyyymmdd, <c>dag_run</c>
/// the DAG run) and renders
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

    /// <summary>
    /// The staging token of a DAG run (<see cref="BigQuery.BigQueryDataset.StagingTableOf"/>): the run's id in
    /// Airflow's database, the same for every task and try of the run and never shared by two runs of any DAG.
    /// </summary>
    public const string StagingRun = "r{{ dag_run.id }}";

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
