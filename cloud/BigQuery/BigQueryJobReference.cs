namespace StockLakehouse.Cloud.BigQuery;

/// <summary>Identifies a BigQuery job: project, job id and the location it runs in (jobs.get needs it outside US and EU).</summary>
public sealed record BigQueryJobReference(string ProjectId, string JobId, string? Location);
