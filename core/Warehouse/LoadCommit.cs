namespace StockLakehouse.Core.Warehouse;

/// <summary>The warehouse's record of its last load: which run wrote it and whether that run got every table and the marts in.</summary>
public sealed record LoadCommit(string RunId, bool Committed);
