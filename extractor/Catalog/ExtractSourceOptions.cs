using StockLakehouse.Extractor.Sources.AlphaVantage;
using StockLakehouse.Extractor.Sources.Import;
using StockLakehouse.Extractor.Sources.Yahoo;

namespace StockLakehouse.Extractor.Catalog;

/// <summary>Which source to extract from (<see cref="ExtractSourceCatalog.Names"/>) and its settings.</summary>
public sealed record ExtractSourceOptions
{
    /// <summary>simulated (the offline default), yahoo, alphavantage, import or reference.</summary>
    public string Source { get; init; } = ExtractSourceCatalog.Simulated;

    /// <summary>The simulated market's seed.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Whether the simulated market injects its realistic defects.</summary>
    public bool InjectDefects { get; init; } = true;

    public YahooOptions Yahoo { get; init; } = new();

    public AlphaVantageOptions AlphaVantage { get; init; } = new();

    /// <summary>The folder of JSON responses to land, for the import source.</summary>
    public string? ImportFolder { get; init; }

    public ImportFormat ImportFormat { get; init; } = ImportFormat.Auto;

    /// <summary>For the import source: when set, only the files of these symbols (the lake's spelling) are landed.</summary>
    public IReadOnlyCollection<string>? ImportSymbols { get; init; }

    /// <summary>For the import source: the requested start (<c>--from</c>) each file is judged against; the file's own first date when null.</summary>
    public DateOnly? ImportFrom { get; init; }

    /// <summary>For the import source: the requested end (<c>--to</c>) each file is judged against; the file's own last date when null.</summary>
    public DateOnly? ImportTo { get; init; }

    /// <summary>The company reference ("ERP") CSV file, for the reference source.</summary>
    public string? ReferenceFile { get; init; }
}
