namespace StockLakehouse.Cloud.BigQuery;

/// <summary>What loading one table did: rows the load job put in staging, and the ids of the load and merge jobs.</summary>
public sealed record BigQueryLoadResult(string Table, long? StagedRows, string LoadJobId, string MergeJobId);
