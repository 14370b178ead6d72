namespace StockLakehouse.Extractor.Classification;

/// <summary>What a source that wrote <paramref name="Body"/> itself says it holds, in the summary its format's reader would give.</summary>
internal sealed record SourceReading(byte[] Body, PayloadSummary Summary);
