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

    /// <summary>The staging table a load job fills before the MERGE into <paramref name="table"/>.</summary>
    public static string StagingTableOf(string table) => table + "_staging";

    /// <summary>A dataset-qualified, backtick-quoted table name: <c>`project.dataset.table`</c>.</summary>
    public string Table(string table)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        return BigQuerySql.Identifier($"{Project}.{Dataset}.{table}");
    }
}
