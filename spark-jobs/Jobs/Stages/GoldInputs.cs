namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// What gold computed a symbol's partitions from, in the detail the next run needs to bound what changed
/// (<see cref="GoldChangeRule"/>): the silver partition files as the store listed them, a digest of everything else
/// the partition function read (the code's version and the company versions), the newest ingest date among the silver
/// rows and the newest trade date carrying a dividend or a split (null: none).
/// </summary>
public sealed record GoldInputs(SilverFiles Silver, string Context, DateOnly? LastIngest, DateOnly? LastEvent)
{
    /// <summary>
    /// The SHA-256 (hex) of the silver partition's file (<see cref="SilverFiles.Partition"/>, not its tail) as read: while
    /// the listing shows that very file, the next run fingerprints it without reading it again. Null: not recorded.
    /// </summary>
    public string? FileDigest { get; init; }

    /// <summary>The first trade date <see cref="Events"/> covers; null: none recorded.</summary>
    public DateOnly? EventsFrom { get; init; }

    /// <summary>
    /// Every dividend and split among the silver rows from <see cref="EventsFrom"/> on, in date order, so that the next run
    /// can tell a corporate action it sees again from a new one (<see cref="GoldChangeRule"/>); null: none recorded.
    /// </summary>
    public IReadOnlyList<GoldEvent>? Events { get; init; }
}
