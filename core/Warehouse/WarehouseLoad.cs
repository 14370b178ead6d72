namespace StockLakehouse.Core.Warehouse;

/// <summary>What the warehouse stage's load did: each table's result in load order, and the mart views it created.</summary>
public sealed record WarehouseLoad(IReadOnlyList<LoadResult> Tables, IReadOnlyList<string> Marts);
