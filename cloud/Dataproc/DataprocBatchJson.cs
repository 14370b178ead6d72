using System.Text.Json.Nodes;

namespace StockLakehouse.Cloud.Dataproc;

/// <summary>
/// A <see cref="SparkBatchSpec"/> as a Dataproc <c>Batch</c> resource. The REST API documents lowerCamelCase
/// field names (<c>sparkBatch</c>, <c>runtimeConfig</c>); Airflow's DataprocCreateBatchOperator builds the
/// proto message from a dict and needs the proto field names (<c>spark_batch</c>, <c>runtime_config</c>).
/// Both spellings come from this one builder so they cannot drift apart.
/// </summary>
public static class DataprocBatchJson
{
    public static JsonObject For(SparkBatchSpec spec, DataprocFieldNames names)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string N(string camel) => names == DataprocFieldNames.Camel ? camel : ToSnake(camel);

        var runtime = new JsonObject
        {
            [N("version")] = spec.RuntimeVersion,
            [N("containerImage")] = spec.ContainerImage,
        };
        if (spec.Properties.Count > 0)
        {
            runtime[N("properties")] = Map(spec.Properties);
        }

        var execution = new JsonObject
        {
            [N("serviceAccount")] = spec.ServiceAccount,
            [N("subnetworkUri")] = spec.SubnetworkUri,
            // Runtimes 3.0 and later run the workload with the submitter's credentials unless told
            // otherwise; the batch's service account is the identity terraform/ grants the lake to.
            [N("authenticationConfig")] = new JsonObject
            {
                [N("userWorkloadAuthenticationType")] = "SERVICE_ACCOUNT",
            },
        };
        return new JsonObject
        {
            [N("sparkBatch")] = new JsonObject
            {
                [N("mainClass")] = spec.MainClass,
                [N("jarFileUris")] = new JsonArray([.. spec.JarFileUris.Select(u => (JsonNode)JsonValue.Create(u))]),
                [N("args")] = new JsonArray([.. spec.Args.Select(a => (JsonNode)JsonValue.Create(a))]),
            },
            [N("runtimeConfig")] = runtime,
            [N("environmentConfig")] = new JsonObject
            {
                [N("executionConfig")] = execution,
            },
            [N("labels")] = Map(spec.Labels),
        };
    }

    /// <summary>Map keys (Spark properties, labels) are data, not field names: they keep their spelling.</summary>
    private static JsonObject Map(IReadOnlyDictionary<string, string> values)
    {
        var map = new JsonObject();
        foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            map[key] = value;
        }

        return map;
    }

    private static string ToSnake(string camel) =>
        string.Concat(camel.Select((c, i) => char.IsAsciiLetterUpper(c) ? (i > 0 ? "_" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));
}
