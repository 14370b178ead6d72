using System.Text.Json.Nodes;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Cloud.Deploy;

/// <summary>The BigQuery work for one table: the table resource created when missing, the load job configuration, and the MERGE.</summary>
public sealed record PlannedLoad(TableSchema Table, JsonObject TableResource, JsonObject LoadConfiguration, string MergeSql);
