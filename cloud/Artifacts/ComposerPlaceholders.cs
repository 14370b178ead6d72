using StockLakehouse.Core.Calendar;

namespace StockLakehouse.Cloud.Artifacts;

/// <summary>
/// The Jinja placeholders the generated templates contain. The DAG supplies the <c>params</c> values; Airflow
/// supplies the context (<c>data_interval_end</c>, <c>ti</c>, <c>dag_run</c>) and its built-in
/// filters <c>ds</c> and <c>ds_nodash</c>, and renders both when it templates the operators' fields.
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

    /// <summary>
    /// The end of the DAG run's data interval in the exchange's time zone: the moment the run stands for. A
    /// scheduled run's interval ends at its trigger time (18:30 or 21:00 New York), a manual run's at the moment
    /// it was triggered, so the New York date of that moment is the session the run is about — unlike
    /// <c>ds</c>, the UTC date, which is already tomorrow for a trigger after 19:00 or 20:00 New York time.
    /// Double quotes inside: the placeholder also sits inside single-quoted SQL literals.
    /// </summary>
    private const string SessionMoment = "data_interval_end.in_timezone(\"" + NyseCalendar.TimeZoneId + "\")";

    /// <summary>The session date as yyyy-MM-dd: the run date of the Spark jobs and of every check that uses a date.</summary>
    public const string SessionDate = "{{ " + SessionMoment + " | ds }}";

    /// <summary>The session date as yyyymmdd: in batch ids and labels.</summary>
    public const string SessionDateNoDash = "{{ " + SessionMoment + " | ds_nodash }}";

    /// <summary>
    /// What makes one task try's batch id its own: the DAG run's id in Airflow's database (never shared by two
    /// runs of any DAG, so a daily and a backfill run, or a rerun, never share a batch) and the try number (a
    /// retry runs a new batch instead of attaching to the failed one, which Dataproc keeps under its id).
    /// </summary>
    public const string TryToken = "r{{ dag_run.id }}-t{{ ti.try_number }}";

    /// <summary>
    /// The staging token of a DAG run (<see cref="BigQuery.BigQueryDataset.StagingTableOf"/>): the run's id in
    /// Airflow's database, the same for every task and try of the run and never shared by two runs of any DAG.
    /// </summary>
    public const string StagingRun = "r{{ dag_run.id }}";

    /// <summary>
    /// The run id a DAG run records in the warehouse's load record (load_state): the session date, then the DAG run's
    /// id. It starts with <see cref="SessionRunPrefix"/>, which is how the data-quality DAG finds the committed load of
    /// its session whichever run (scheduled, manual, a rerun, a backfill triggered that day) wrote it.
    /// </summary>
    public const string LoadRun = SessionRunPrefix + StagingRun;

    /// <summary>What every load run id of the session starts with: the session date as yyyymmdd and a dash.</summary>
    public const string SessionRunPrefix = SessionDateNoDash + "-";

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

    /// <summary>Each Airflow context value the templates use, with what it means, for the manifest.</summary>
    public static IReadOnlyDictionary<string, string> Macros { get; } = new Dictionary<string, string>
    {
        ["data_interval_end"] = $"the end of the run's data interval; in {NyseCalendar.TimeZoneId} with the ds/ds_nodash filters it is the session date: the Spark jobs' run date, the date every dated check expects",
        ["ti.try_number"] = "the task's try: in Dataproc batch ids, so a retry runs a new batch",
        ["dag_run.id"] = "the DAG run's id in Airflow's database: in the run's own staging table names (<table>_staging_r<id>), Dataproc batch ids and the load record's run id (<session yyyymmdd>-r<id>)",
    };
}
