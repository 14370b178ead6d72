namespace StockLakehouse.Extractor.Sources;

/// <summary>A source's answer to one request: the body byte for byte, the HTTP status and the URL without secrets.</summary>
public sealed record SourceResponse(int Status, string Url, byte[] Body, DateTimeOffset FetchedAt)
{
    /// <summary>How long the source asked us to wait before asking again (its Retry-After header), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
