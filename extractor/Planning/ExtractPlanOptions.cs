using StockLakehouse.Core.Domain;

namespace StockLakehouse.Extractor.Planning;

/// <summary>
/// What to plan: the symbols, the mode, the range (<see cref="From"/> is the start of a backfill, or the first
/// date for symbols without a watermark in daily mode; <see cref="To"/> is the end, inclusive) and the ingest
/// date the objects land under.
/// </summary>
public sealed record ExtractPlanOptions(IReadOnlyList<Symbol> Symbols, ExtractMode Mode, DateOnly From, DateOnly To, DateOnly IngestDate)
{
    /// <summary>Trading days before the watermark fetched again in daily mode, for late corrections; 0 fetches only new days.</summary>
    public int LookbackTradingDays { get; init; } = 5;

    /// <summary>Requests the job runs at once (a source's own limits may allow fewer).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}
