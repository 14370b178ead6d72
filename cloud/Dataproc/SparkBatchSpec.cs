namespace StockLakehouse.Cloud.Dataproc;

/// <summary>
/// What a Dataproc Serverless Spark batch runs and where: the main class and jars, the program's arguments,
/// the runtime version and custom container, the service account and subnetwork it runs as and in, Spark
/// properties and labels. Values may be Jinja placeholders when the spec feeds a Composer template.
/// </summary>
public sealed record SparkBatchSpec(
    string MainClass,
    IReadOnlyList<string> JarFileUris,
    IReadOnlyList<string> Args,
    string RuntimeVersion,
    string ContainerImage,
    string ServiceAccount,
    string SubnetworkUri,
    IReadOnlyDictionary<string, string> Properties,
    IReadOnlyDictionary<string, string> Labels);
