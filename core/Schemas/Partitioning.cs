namespace StockLakehouse.Core.Schemas;

/// <summary>Warehouse time partitioning of a table: a DATE column and a granularity (DAY, MONTH or YEAR).</summary>
public sealed record Partitioning(string Field, string Type);
