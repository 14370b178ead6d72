using System.Text.Json.Nodes;

namespace StockLakehouse.Cloud.Deploy;

/// <summary>A Dataproc batch to submit: its job, its id and the Batch resource posted to batches.create.</summary>
public sealed record PlannedBatch(string Job, string BatchId, JsonObject Body);
