using StockLakehouse.Core.Lake;

namespace StockLakehouse.Extractor.Landing;

/// <summary>A raw object key as found: its condition, the stored body and metadata when readable, and why it is damaged.</summary>
public sealed record RawObjectInspection(string Key, RawObjectCondition Condition, byte[]? Body, RawObjectMetadata? Metadata, string? Problem);
