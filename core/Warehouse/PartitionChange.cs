namespace StockLakehouse.Core.Warehouse;

/// <summary>
/// How a partition file differs from the earlier file whose fingerprint was <see cref="From"/>: only in rows dated on
/// or after <see cref="Since"/> (by the table's <see cref="Core.Warehouse.LoadSql.ChangeDateColumn"/>); the rows before
/// are the same. A warehouse that recorded <see cref="From"/> for the partition holds those earlier rows, so it need
/// delete and merge only the rows from <see cref="Since"/> on; one that recorded anything else loads the whole file.
/// </summary>
public sealed record PartitionChange(string From, DateOnly Since)
{
    /// <summary>A smaller file that also holds the partition's rows from a date on or before <see cref="Since"/>; null: none.</summary>
    public ChangedRows? Rows { get; init; }
}
