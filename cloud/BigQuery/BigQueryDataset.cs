using System.Text.Json.Nodes;

namespace StockLakehouse.Cloud.BigQuery;

/// <summary>
/// The BigQuery dataset the warehouse lives in. <see cref="Project"/> and <see cref="Dataset"/> are either real
/// names or Jinja placeholders (<see cref="Templated"/>), so the same SQL builders serve a live deploy and the
/// templates the Composer DAGs render.
/// </summary>
public sealed record BigQueryDataset(string Project, string Dataset)
{
    public const string ProjectPlaceholder = "{{ params.project }}";
    public const string DatasetPlaceholder = "{{ params.dataset }}";

    /// <summary>The placeholders Airflow fills when it templates a BigQueryInsertJobOperator configuration.</summary>
    public static BigQueryDataset Templated { get; } = new(ProjectPlaceholder, DatasetPlaceholder);

    /// <summary>
    /// The staging table one run's load job fills and its MERGE into <paramref name="table"/> reads:
    /// <c>&lt;table&gt;_staging_&lt;run&gt;</c>. One per run, so that two loads at once (a deploy and a DAG run, a
    /// backfill and a daily run) never overwrite each other's staged rows between load and MERGE; the MERGE's
    /// delete step takes the staged rows as the truth, so foreign rows there would delete good ones.
    /// </summary>
    /// <param name="run">The run's token: letters, digits and underscores, or a Jinja placeholder rendering to them.</param>
    public static string StagingTableOf(string table, string run)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(run);
        if (!run.Contains("{{", StringComparison.Ordinal) && !run.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"The staging run token '{run}' must be letters, digits and underscores, as BigQuery table names take them.", nameof(run));
        }

        return $"{table}_staging_{run}";
    }

    /// <summary>
    /// Fails when a dataset that already exists lives in another location than the one asked for: a dataset's
    /// location cannot change, and load and query jobs run in one location, so going on would fail later with a
    /// "not found in location" that does not say why. BigQuery spells multi-regions either case ("US", "us").
    /// </summary>
    /// <param name="resource">The datasets.get resource of the existing dataset.</param>
    public static void RequireLocation(string datasetId, JsonObject resource, string location)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var actual = resource["location"]?.GetValue<string>();
        if (!string.Equals(actual, location, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"The BigQuery dataset '{datasetId}' already exists in location '{actual ?? "(none reported)"}', not in '{location}': a dataset cannot move. Deploy with --location {actual}, or choose another dataset.");
        }
    }

    /// <summary>A dataset-qualified, backtick-quoted table name: <c>`project.dataset.table`</c>.</summary>
    public string Table(string table)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        return BigQuerySql.Identifier($"{Project}.{Dataset}.{table}");
    }
}
