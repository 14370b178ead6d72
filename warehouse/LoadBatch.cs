namespace StockLakehouse.Warehouse;

/// <summary>
/// The partitions one transaction of a load merges, as indexes into the load's list of files, and the batch's bound:
/// the earliest date from which one of them may differ from what the warehouse holds (null: the whole partitions).
/// </summary>
internal sealed record LoadBatch(IReadOnlyList<int> Partitions, DateOnly? Since);
