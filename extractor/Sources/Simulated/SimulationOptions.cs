namespace StockLakehouse.Extractor.Sources.Simulated;

/// <summary>
/// Parameters of a simulated market. <paramref name="Genesis"/> is the first day of simulated history: every
/// symbol's path starts there, so a (seed, symbol, date) triple prices the same whatever window is requested.
/// Moving Genesis or changing the seed gives a different (but again reproducible) market.
/// </summary>
public sealed record SimulationOptions(ulong Seed, DateOnly Genesis)
{
    /// <summary>The default first day of history: the first NYSE session of 1995.</summary>
    public static readonly DateOnly DefaultGenesis = new(1995, 1, 3);

    public SimulationOptions(ulong seed)
        : this(seed, DefaultGenesis)
    {
    }

    /// <summary>
    /// Whether to inject Yahoo's data-quality defects (null values, a duplicated live trailing bar) so that
    /// downstream cleaning is exercised; turn off to get clean payloads.
    /// </summary>
    public bool InjectDefects { get; init; } = true;
}
