namespace StockLakehouse.Cli.Options;

/// <summary>
/// The extract options of <c>run</c> and <c>extract</c> (<see cref="ExtractOptionGroup"/>) as typed, before
/// <see cref="ExtractOptionResolver"/> checks them against the source and resolves them into <see cref="ExtractSettings"/>.
/// </summary>
public sealed record ExtractOptionValues
{
    /// <summary>The seed given with --seed, or null (the simulated market's default is <see cref="OptionDefaults.Seed"/>).</summary>
    public ulong? Seed { get; init; }

    public bool NoDefects { get; init; }

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
