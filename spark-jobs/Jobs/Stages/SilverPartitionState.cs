using System.Text.Json.Serialization;
using StockLakehouse.Core.Lake;

namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// The inputs of a symbol's silver partition as it was last written — the code's version, the currency given to
/// sources without one, and the digest of its raw bodies with their sizes and their metadata's sizes — and the rejects
/// found in them, so that a run whose inputs are unchanged can skip the symbol and still quarantine what a full
/// build would; and the partition file as the store lists it once written (<see cref="Partition"/>: size and
/// fingerprint; null: unknown), so that a partition written over since is rebuilt rather than kept.
/// </summary>
public sealed record SilverPartitionState(string Code, string? Currency, RawObjectDigest Objects, IReadOnlyList<QuarantineRecord> Rejects)
{
    public ObjectInfo? Partition { get; init; }

    /// <summary>
    /// The partition's tail file as the store lists it (<see cref="LakeLayout.TailFileName"/>), holding every row dated
    /// from <see cref="TailFrom"/> on while <see cref="Partition"/> holds the earlier ones; null when the partition is
    /// one file.
    /// </summary>
    public ObjectInfo? Tail { get; init; }

    /// <summary>The first trade date of <see cref="Tail"/>: every row of the base file is older.</summary>
    public DateOnly? TailFrom { get; init; }

    /// <summary>
    /// The kept partition's files (as the store listed them) that this one was merged onto, keeping its rows as they were and
    /// adding or replacing only rows from bodies of later ingest dates (<see cref="SilverMerge"/>); null when the
    /// partition was built from every body. Gold uses it to know which of its rows can have changed (<see cref="GoldChange"/>).
    /// </summary>
    public SilverFiles? MergedOnto { get; init; }

    /// <summary>
    /// With <see cref="MergedOnto"/>: the first trade date whose row the merge added or changed in anything but its ingest
    /// date and raw object (<see cref="SilverMerge.FirstChanged"/>); every earlier row holds the values it held in
    /// <see cref="MergedOnto"/>. Null: not recorded, or no row changed (gold then bounds its change by ingest dates alone).
    /// </summary>
    public DateOnly? ChangedFrom { get; init; }

    /// <summary>The partition's files as recorded; null when unknown.</summary>
    [JsonIgnore]
    public SilverFiles? Files => Partition is null ? null : new SilverFiles(Partition, Tail);
}
