namespace StockLakehouse.Core.Warehouse;

/// <summary>What loading one table did: rows read from the lake, and rows inserted, updated (values changed) and deleted in the warehouse.</summary>
public sealed record LoadResult(string Table, long RowsRead, long Inserted, long Updated, long Deleted, long RowsAfter);
