namespace StockLakehouse.Cli.Options;

/// <summary>
/// The common options of a pipeline command (<see cref="CommonOptionGroup"/>) as typed, before
/// <see cref="OptionResolver"/> checks them and resolves them into <see cref="CommonSettings"/>.
/// </summary>
public sealed record CommonOptionValues
{
    public string? Output { get; init; }

    public string? Lake { get; init; }

    public string? Symbols { get; init; }

    public string? SymbolsFile { get; init; }

    /// <summary>Take the symbols from the newest Alpha Vantage LISTING_STATUS landed in the (local) lake.</summary>
    public bool SymbolsFromListing { get; init; }

    public string? Start { get; init; }

    public string? End { get; init; }

    public int? Parallelism { get; init; }

    public string? Reference { get; init; }

    /// <summary>Show debug messages (and stack traces) on the console.</summary>
    public bool Verbose { get; init; }

    /// <summary>Whether symbols were chosen (--symbols, --symbols-file or --symbols-from-listing) rather than defaulted.</summary>
    public bool SymbolsGiven => Symbols is not null || SymbolsFile is not null || SymbolsFromListing;
}
