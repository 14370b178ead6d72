namespace StockLakehouse.Jobs.Stages;

/// <summary>
/// What gold computed a symbol's partitions from, in the detail the next run needs to bound what changed
/// (<see cref="GoldChangeRule"/>): the silver partition files as the store listed them, a digest of everything else
/// the partition function read (the code's version and the company versions), the newest ingest date among the silver
/// rows and the newest trade date carrying a dividend or a split (null: none).
/// </summary>
public sealed record GoldInputs(SilverFiles Silver, string Context, DateOnly? LastIngest, DateOnly? LastEvent);
