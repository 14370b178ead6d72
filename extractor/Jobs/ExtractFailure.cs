using StockLakehouse.Extractor.Classification;

namespace StockLakehouse.Extractor.Jobs;

/// <summary>A request that landed nothing, and why.</summary>
public sealed record ExtractFailure(string Symbol, string Reason)
{
    public RequestOutcome Outcome { get; init; } = RequestOutcome.HttpError;
}
