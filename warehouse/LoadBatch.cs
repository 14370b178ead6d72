using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Warehouse;

/// <summary>
/// The partitions one transaction of a load merges, as indexes into the load's list of partitions, and the batch's bound:
/// the earliest date from which one of them may differ from what the warehouse holds (null: the whole partitions).
/// </summary>
/// <param name="RowsFile">A bounded batch's file holding every one of its partitions' rows from the bound on
/// (<see cref="ChangedRows"/>), read instead of the partition files; null: the partition files.</param>
internal sealed record LoadBatch(IReadOnlyList<int> Partitions, DateOnly? Since, string? RowsFile = null);
