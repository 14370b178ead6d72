using Serilog;
using StockLakehouse.Core.Checks;
using StockLakehouse.Core.Progress;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Core.Warehouse;

/// <summary>
/// The warehouse stage, one sequence for every engine (the CLI's DuckDB warehouse, deploy's BigQuery): ensure the
/// tables, record the load as started, load every table (reconciled against the lake), create the marts, record the
/// load as committed; and check: refuse a warehouse whose last load did not commit, then run every table's checks and
/// the marts' existence check. The policy, one for both engines (ARCHITECTURE.md, "Warehouse and checks"): every
/// table given is loaded (one the lake lacks fails the load, which then stays uncommitted), the marts are always
/// created, and every table given is checked.
/// </summary>
public sealed class WarehouseStage
{
    private readonly IWarehouse _warehouse;
    private readonly MartCatalog _marts;
    private readonly ILogger _log;

    public WarehouseStage(IWarehouse warehouse, MartCatalog marts, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        ArgumentNullException.ThrowIfNull(marts);
        ArgumentNullException.ThrowIfNull(log);
        _warehouse = warehouse;
        _marts = marts;
        _log = log;
    }

    /// <summary>
    /// The tables the warehouse holds (the gold layer of <paramref name="schemas"/>) in the order every adapter loads
    /// and checks them: <see cref="TableLoadOrder"/>, each table after the tables its relationship checks refer to.
    /// </summary>
    public static IReadOnlyList<TableSchema> Tables(SchemaCatalog schemas)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        return TableLoadOrder.Of(schemas.Tables.Where(t => t.Layer == Layers.Gold));
    }

    /// <summary>Loads <paramref name="tables"/> in the given order and the marts, and records the load committed last.</summary>
    public async Task<WarehouseLoad> LoadAsync(string runId, IReadOnlyList<TableSchema> tables, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(tables);
        foreach (var table in tables.Append(LoadStateSql.Table))
        {
            await _warehouse.EnsureTableAsync(table, cancellationToken).ConfigureAwait(false);
        }

        foreach (var statement in LoadStateSql.Begin(runId))
        {
            await _warehouse.ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
        }

        var results = new List<LoadResult>();
        foreach (var table in tables)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await _warehouse.LoadAsync(table, progress, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            _log.Information(
                "Loaded {Table}: {RowsRead} read, {Inserted} inserted, {Updated} updated, {Deleted} deleted, {RowsAfter} rows",
                result.Table,
                result.RowsRead,
                result.Inserted,
                result.Updated,
                result.Deleted,
                result.RowsAfter);
        }

        cancellationToken.ThrowIfCancellationRequested();
        await _warehouse.CreateMartsAsync(_marts, cancellationToken).ConfigureAwait(false);
        _log.Information("Created {Views} mart views", _marts.Views.Count);
        foreach (var statement in LoadStateSql.Commit(runId))
        {
            await _warehouse.ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
        }

        _log.Information("Load {RunId} committed: {Tables} tables and the marts", runId, results.Count);
        return new WarehouseLoad(results, _marts.Views.Select(v => v.Name).ToArray());
    }

    /// <summary>Runs the checks of <paramref name="tables"/> and of the marts, after making sure the last load committed.</summary>
    /// <exception cref="UncommittedLoadException">The warehouse records no load, or its last load did not commit.</exception>
    public async Task<IReadOnlyList<CheckResult>> CheckAsync(IReadOnlyList<TableSchema> tables, DateOnly expectedLatestTradeDate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        await _warehouse.EnsureTableAsync(LoadStateSql.Table, cancellationToken).ConfigureAwait(false);
        var commit = await _warehouse.ReadLoadCommitAsync(cancellationToken).ConfigureAwait(false);
        if (commit is null)
        {
            throw UncommittedLoadException.NoLoad();
        }

        if (!commit.Committed)
        {
            throw UncommittedLoadException.NotFinished(commit.RunId);
        }

        var checks = tables.SelectMany(t => CheckSql.For(t, expectedLatestTradeDate)).Append(CheckSql.MartsExist(_marts)).ToArray();
        var results = await _warehouse.RunChecksAsync(checks, cancellationToken).ConfigureAwait(false);
        foreach (var failed in results.Where(r => !r.Passed))
        {
            _log.Error("Check {Table}.{Check} failed: {Violations} rows violate it. {Description}", failed.Table, failed.Name, failed.Violations, failed.Description);
        }

        return results;
    }
}
