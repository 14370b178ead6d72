using StockLakehouse.Core.Domain;

namespace StockLakehouse.Extractor.Jobs;

/// <summary>
/// What to extract without calendar planning: the symbols, the inclusive date range, and the ingest date the
/// raw objects land under. <c>ExtractPlanner</c> builds an <c>ExtractPlan</c> for backfills and daily runs instead.
/// </summary>
public sealed record ExtractRequest(IReadOnlyList<Symbol> Symbols, DateOnly From, DateOnly To, DateOnly IngestDate, int Parallelism);
