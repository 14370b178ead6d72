namespace StockLakehouse.Core.Lake;

/// <summary>An object in the lake: its key (a '/'-separated path under the lake root) and size.</summary>
public sealed record ObjectInfo(string Key, long Length);
