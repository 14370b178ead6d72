namespace StockLakehouse.Core.Warehouse;

/// <summary>
/// A Parquet file of the table's columns holding, of a partition, exactly the rows its partition file holds dated on or
/// after <see cref="From"/>, beside the same rows of other partitions (a run's change file): a bounded load whose bound
/// is not before <see cref="From"/> reads the partition's changed rows from it instead of decoding the partition file.
/// </summary>
/// <param name="File">The file's local path.</param>
/// <param name="From">The partition's rows in the file start on this date.</param>
public sealed record ChangedRows(string File, DateOnly From);
