using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Reference;

namespace StockLakehouse.Cli.Options;

/// <summary>The resolved, validated options of a command.</summary>
public sealed record LakehouseOptions(
    string OutputFolder,
    IReadOnlyList<Symbol> Symbols,
    DateOnly Start,
    DateOnly End,
    ulong Seed,
    bool InjectDefects,
    int Parallelism,
    ReferenceData Reference)
{
    public string LakeFolder => Path.Combine(OutputFolder, "lake");

    public string WarehousePath => Path.Combine(OutputFolder, "warehouse", "lakehouse.duckdb");
}
