namespace StockLakehouse.Jobs.Stages;

/// <summary>One raw body of a symbol as silver saw it: its key, its size, and the size of its <c>.meta.json</c> (null: none beside it).</summary>
public sealed record RawObjectEntry(string Key, long Bytes, long? MetadataBytes);
