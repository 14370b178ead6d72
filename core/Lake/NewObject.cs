namespace StockLakehouse.Core.Lake;

/// <summary>An object to create: its key and its bytes.</summary>
public readonly record struct NewObject(string Key, ReadOnlyMemory<byte> Content);
