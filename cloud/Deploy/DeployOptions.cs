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
    bool RunSparkBatches);
