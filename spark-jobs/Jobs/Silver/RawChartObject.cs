using StockLakehouse.Core.Lake;

namespace StockLakehouse.Jobs.Silver;

/// <summary>One raw Yahoo chart object of a symbol as the silver job receives it: key, ingest date, request metadata, body.</summary>
public sealed record RawChartObject(string Key, DateOnly IngestDate, RawObjectMetadata? Metadata, byte[] Body);
