namespace StockLakehouse.Cli.Options;

/// <summary>The options of a command as typed, before <see cref="OptionResolver"/> checks and resolves them.</summary>
public sealed record CommandLineValues
{
    public string? Output { get; init; }

    public string? Lake { get; init; }

    public string? Symbols { get; init; }

    public string? SymbolsFile { get; init; }

    /// <summary>Take the symbols from the newest Alpha Vantage LISTING_STATUS landed in the (local) lake.</summary>
    public bool SymbolsFromListing { get; init; }

    public string? Start { get; init; }

    public string? End { get; init; }

    public ulong Seed { get; init; } = OptionDefaults.Seed;

    /// <summary>Whether --seed was given (so it can be refused for a source other than the simulated market).</summary>
    public bool SeedGiven { get; init; }

    public bool NoDefects { get; init; }

    public int? Parallelism { get; init; }

    public string? Reference { get; init; }

    public string? Source { get; init; }

    public string? Mode { get; init; }

    public int? Lookback { get; init; }

    public string? ImportFolder { get; init; }

    public string? ImportFormat { get; init; }

    public string? ReferenceFile { get; init; }

    public string? Datasets { get; init; }

    public string? AlphaVantageKeyFile { get; init; }

    public bool FullOutput { get; init; }

    public bool AllowIncomplete { get; init; }

    public string? BaseUrl { get; init; }

    public int? MaxConcurrency { get; init; }

    public double? RequestsPerSecond { get; init; }

    public int? RequestsPerMinute { get; init; }

    public int? RequestsPerDay { get; init; }

    public double? TimeoutSeconds { get; init; }

    public int? MaxAttempts { get; init; }
}
