namespace StockLakehouse.Extractor.Sources;

/// <summary>A source whose requests are not derived from symbols and dates but listed by the source itself.</summary>
internal interface IDiscoveringSource
{
    /// <summary>
    /// The requests to make for an extract landing under <paramref name="ingestDate"/>; <paramref name="from"/>
    /// and <paramref name="to"/> are the range asked for, used where the source's content does not say its own.
    /// </summary>
    Task<IReadOnlyList<RawRequest>> DiscoverAsync(DateOnly from, DateOnly to, DateOnly ingestDate, CancellationToken cancellationToken);
}
