using StockLakehouse.Cloud.Gcs;
using StockLakehouse.Core.Domain;
using StockLakehouse.Core.Reference;

namespace StockLakehouse.Cli.Options;

/// <summary>
/// The common options of a pipeline command, resolved and validated: where the output, lake and warehouse are,
/// which symbols and dates, how wide, which reference data. Every pipeline command has them; the extract options
/// are apart, in <see cref="ExtractSettings"/>.
/// </summary>
public sealed record CommonSettings(
    string OutputFolder,
    IReadOnlyList<Symbol> Symbols,
    DateOnly Start,
    DateOnly End,
    int Parallelism,
    ReferenceData Reference)
{
    /// <summary>
    /// Symbols the local transform (silver, gold) works on at once: <see cref="Parallelism"/> when
    /// <c>--parallelism</c> was given, otherwise twice the cores, since a transform worker spends part of each symbol
    /// waiting for the disk to flush its files.
    /// </summary>
    public int TransformParallelism { get; init; } = Parallelism;

    /// <summary>Where the lake is: a local folder (default <c>&lt;out&gt;/lake</c>) or <c>gs://bucket[/prefix]</c>.</summary>
    public string Lake { get; init; } = LakeIn(OutputFolder);

    public bool LakeIsLocal => !LakeStores.IsGcs(Lake);

    /// <summary>
    /// The stages after extract cover every symbol with raw daily bars in the lake rather than <see cref="Symbols"/>:
    /// <c>transform</c> without <c>--symbols</c> or <c>--symbols-file</c>.
    /// </summary>
    public bool EveryLakeSymbol { get; init; }

    /// <summary>The end date was given (<c>--end</c>) rather than defaulted; recorded in the manifest for <see cref="LastBuild"/>.</summary>
    public bool EndGiven { get; init; }

    /// <summary>The lake's local folder; only for a local lake.</summary>
    public string LakeFolder => LakeStores.LocalFolder(Lake);

    /// <summary>Where a run's log file is written: inside the local lake, or under the output folder when the lake is in Cloud Storage.</summary>
    public string LocalRunsFolder => LakeIsLocal ? LakeFolder : OutputFolder;

    public string WarehousePath => WarehouseIn(OutputFolder);

    /// <summary>The warehouse file of an output folder: <c>&lt;out&gt;/warehouse/lakehouse.duckdb</c>.</summary>
    public static string WarehouseIn(string outputFolder) => Path.Combine(outputFolder, "warehouse", "lakehouse.duckdb");

    /// <summary>The default local lake of an output folder: <c>&lt;out&gt;/lake</c>.</summary>
    public static string LakeIn(string outputFolder) => Path.Combine(outputFolder, "lake");
}
