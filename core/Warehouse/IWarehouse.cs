using StockLakehouse.Core.Checks;
using StockLakehouse.Core.Progress;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Core.Warehouse;

/// <summary>
/// What <see cref="WarehouseStage"/> asks of a warehouse engine (embedded DuckDB, BigQuery). Every statement that
/// carries a rule — the MERGE (<see cref="LoadSql"/>), the load record (<see cref="LoadStateSql"/>), the checks
/// (<see cref="CheckSql"/>) — is written once in the shared SQL and handed to <see cref="ExecuteAsync"/> or built
/// by the engine from <see cref="LoadSql"/>; an engine only stages a table's lake files and translates the dialect.
/// </summary>
public interface IWarehouse
{
    /// <summary>Creates <paramref name="table"/> when missing (an existing one must match it).</summary>
    Task EnsureTableAsync(TableSchema table, CancellationToken cancellationToken);

    /// <summary>
    /// Stages the table's files of the lake and applies <see cref="LoadSql.Statements"/>: afterwards the table holds
    /// exactly the lake's rows, partitions the lake no longer has included.
    /// </summary>
    Task<LoadResult> LoadAsync(TableSchema table, IProgress<StageProgress>? progress, CancellationToken cancellationToken);

    /// <summary>Refills the correlation symbols and (re)creates every mart view in declared order.</summary>
    Task CreateMartsAsync(MartCatalog marts, CancellationToken cancellationToken);

    /// <summary>Runs a statement of the shared SQL (translated to the engine's dialect where they differ).</summary>
    Task ExecuteAsync(string sql, CancellationToken cancellationToken);

    /// <summary>The warehouse's load record, or null when no load was ever recorded.</summary>
    Task<LoadCommit?> ReadLoadCommitAsync(CancellationToken cancellationToken);

    /// <summary>Runs each check (shared SQL) and returns its outcome with up to <see cref="CheckResult.SampleSize"/> offending rows.</summary>
    Task<IReadOnlyList<CheckResult>> RunChecksAsync(IReadOnlyList<CheckSql.Check> checks, CancellationToken cancellationToken);
}
