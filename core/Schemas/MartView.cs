namespace StockLakehouse.Core.Schemas;

/// <summary>A mart: a view named <paramref name="Name"/> defined by <paramref name="Sql"/> (a SELECT in the SQL DuckDB and BigQuery share).</summary>
public sealed record MartView(string Name, string Sql);
