using StockLakehouse.Extractor.Sources;

namespace StockLakehouse.Extractor.Planning;

/// <summary>The requests an extract makes, the symbols it deliberately skips, and where the objects land.</summary>
public sealed record ExtractPlan(IReadOnlyList<RawRequest> Requests, IReadOnlyList<NotRequested> NotRequested, DateOnly IngestDate, int Parallelism);
