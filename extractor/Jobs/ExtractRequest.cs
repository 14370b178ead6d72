using StockLakehouse.Core.Domain;

namespace StockLakehouse.Extractor.Jobs;

/// <summary>What to extract: the symbols, the inclusive date range, and the ingest date the raw objects land under.</summary>
public sealed record ExtractRequest(IReadOnlyList<Symbol> Symbols, DateOnly From, DateOnly To, DateOnly IngestDate, int Parallelism);
