using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Core.Warehouse;

/// <summary>
/// Fingerprints of a table's partition files known without reading the files: a writer's own record of what it wrote,
/// given only for files still listed exactly as it recorded them. A fingerprint given must change whenever the file's
/// bytes do (<see cref="LoadPartitionsSql"/>); a partition left out gets the engine's own fingerprint of its files (the
/// DuckDB load hashes them, BigQuery's takes the MD5s the bucket lists). A change given (<see cref="KnownPartition.Change"/>) must be true of the file's
/// rows: a load trusts it and leaves the rows before its date as they are.
/// </summary>
public interface IPartitionFingerprintSource
{
    /// <summary>What is known of <paramref name="table"/>'s partition files, by partition value.</summary>
    Task<IReadOnlyDictionary<string, KnownPartition>> KnownAsync(TableSchema table, CancellationToken cancellationToken);
}
