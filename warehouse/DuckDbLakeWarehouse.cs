using StockLakehouse.Core.Checks;
using StockLakehouse.Core.Lake;
using StockLakehouse.Core.Progress;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Warehouse;

/// <summary>
/// The embedded warehouse as the warehouse stage sees it (<see cref="IWarehouse"/>): a <see cref="DuckDbWarehouse"/>
/// loading from a local lake folder, partitioned tables <see cref="BatchPartitions"/> partitions per transaction.
/// </summary>
public sealed class DuckDbLakeWarehouse : IWarehouse
{
    private readonly DuckDbWarehouse _warehouse;
    private readonly string _lakeFolder;
    private readonly IPartitionFingerprintSource? _fingerprints;

    /// <param name="fingerprints">Where fingerprints known without reading the files come from; none: every file is hashed.</param>
    public DuckDbLakeWarehouse(DuckDbWarehouse warehouse, string lakeFolder, int batchPartitions, IPartitionFingerprintSource? fingerprints = null)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        ArgumentException.ThrowIfNullOrWhiteSpace(lakeFolder);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchPartitions, 1);
        _warehouse = warehouse;
        _lakeFolder = lakeFolder;
        BatchPartitions = batchPartitions;
        _fingerprints = fingerprints;
    }

    /// <summary>Partitions merged per transaction: bounds the staging data and the MERGE's memory by a batch.</summary>
    public int BatchPartitions { get; }

    /// <summary>
    /// Whether the row checks read only the rows loads changed since they last passed (<see cref="CheckScopes"/>) instead
    /// of every row; either way, row checks that all pass record their baseline.
    /// </summary>
    public bool ChangedRowsOnly { get; init; }

    public Task EnsureTableAsync(TableSchema table, CancellationToken cancellationToken)
    {
        _warehouse.EnsureTable(table, cancellationToken);
        return Task.CompletedTask;
    }

    /// <exception cref="InvalidOperationException">The lake has no files for <paramref name="table"/>.</exception>
    public async Task<LoadResult> LoadAsync(TableSchema table, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var folder = Path.Combine(_lakeFolder, table.LakePrefix);
        // A partition's file and, when it has one, its tail (LakeLayout.TailFileName), which the ordinal order puts after it.
        var files = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "part-?.parquet", table.LakePartition is null ? SearchOption.TopDirectoryOnly : SearchOption.AllDirectories)
                .Where(f => Path.GetFileName(f) is LakeLayout.PartFileName || (table.LakePartition is not null && Path.GetFileName(f) is LakeLayout.TailFileName))
                .Order(StringComparer.Ordinal)
                .ToArray()
            : [];
        if (files.Length == 0)
        {
            throw new InvalidOperationException($"The lake has no files for table {table.Name} under '{folder}'; run transform before load.");
        }

        if (table.LakePartition is null)
        {
            return _warehouse.Load(table, files[0], cancellationToken);
        }

        var known = _fingerprints is null ? null : await _fingerprints.KnownAsync(table, cancellationToken).ConfigureAwait(false);
        return _warehouse.LoadPartitions(table, files, BatchPartitions, progress, known, cancellationToken);
    }

    public Task CreateMartsAsync(MartCatalog marts, CancellationToken cancellationToken)
    {
        _warehouse.CreateMarts(marts, cancellationToken);
        return Task.CompletedTask;
    }

    public Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        _warehouse.Execute(sql, cancellationToken);
        return Task.CompletedTask;
    }

    public Task<LoadCommit?> ReadLoadCommitAsync(CancellationToken cancellationToken)
    {
        var rows = _warehouse.Connection.Interruptible(cancellationToken, c => c.Query(LoadStateSql.Read));
        return Task.FromResult(rows.RowCount == 0
            ? null
            : new LoadCommit((string)rows.Columns[0].GetValue(0)!, rows.Columns[1].GetValue(0) is true));
    }

    public Task<IReadOnlyList<CheckResult>> RunChecksAsync(IReadOnlyList<CheckSql.Check> checks, CancellationToken cancellationToken) =>
        Task.FromResult(WarehouseChecks.Run(_warehouse.Connection, checks, cancellationToken, _warehouse.Log, ChangedRowsOnly));
}
