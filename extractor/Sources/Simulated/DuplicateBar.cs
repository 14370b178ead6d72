namespace StockLakehouse.Extractor.Sources.Simulated;

/// <summary>The extra live bar appended for <see cref="DefectKind.DuplicatedTrailingBar"/>, as traded.</summary>
internal sealed record DuplicateBar(long Timestamp, long OpenCents, long HighCents, long LowCents, long CloseCents, long Volume);
