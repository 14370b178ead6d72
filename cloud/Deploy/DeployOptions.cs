using StockLakehouse.Cloud.Dataproc;

namespace StockLakehouse.Cloud.Deploy;

/// <summary>
/// What <c>lakehouse deploy</c> deploys and where: the run date, the local lake it reads, the Google Cloud
/// project, the Dataproc region, the BigQuery location and dataset, the lake bucket, the Dataproc
/// environment, which attempt of the day's batches this is, and whether to run the Spark batches at all.
/// </summary>
public sealed record DeployOptions(
    DateOnly Date,
    string LakeFolder,
    string Project,
    string Region,
    string Location,
    string Bucket,
    string Dataset,
    DataprocEnvironment Environment,
    int Attempt,
    bool RunSparkBatches)
{
    /// <summary>
    /// The deploy's staging token (<see cref="BigQuery.BigQueryDataset.StagingTableOf"/>): <c>deploy_&lt;yyyymmdd&gt;_a&lt;attempt&gt;</c>,
    /// the run's identity as its Dataproc batch ids have it, apart from every DAG run's <c>r&lt;id&gt;</c>.
    /// </summary>
    public string StagingRun => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"deploy_{Date:yyyyMMdd}_a{Attempt}");

    /// <summary>
    /// The run id the deploy records in the warehouse's load record: the session date as yyyymmdd, a dash, then
    /// <see cref="StagingRun"/>. It starts with the prefix every load of the session has
    /// (<see cref="Artifacts.ComposerPlaceholders.SessionRunPrefix"/>), so the data-quality DAG's sensor recognises a
    /// deploy's committed load as it does a DAG run's.
    /// </summary>
    public string LoadRun => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Date:yyyyMMdd}-{StagingRun}");
}
