using StockLakehouse.Core.Checks;
using StockLakehouse.Core.Progress;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Core.Warehouse;

namespace StockLakehouse.Cloud.BigQuery;

/// <summary>
/// BigQuery as the warehouse stage sees it (<see cref="IWarehouse"/>): a <see cref="BigQueryWarehouse"/> loading the
/// lake bucket's gold files through the run's own staging tables. Statements of the shared SQL are translated with
/// every name the warehouse holds (the tables of schemas/, the load record, the marts) qualified by the dataset.
/// </summary>
public sealed class BigQueryLakeWarehouse : IWarehouse
{
    private readonly BigQueryWarehouse _warehouse;
    private readonly string _bucket;
    private readonly string _run;
    private readonly SchemaCatalog _schemas;
    private readonly string[] _relations;
    private readonly List<string> _created = [];

    /// <param name="run">The run's staging token (<see cref="BigQueryDataset.StagingTableOf"/>).</param>
    public BigQueryLakeWarehouse(BigQueryWarehouse warehouse, string bucket, string run, SchemaCatalog schemas, MartCatalog marts)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        ArgumentException.ThrowIfNullOrWhiteSpace(run);
        ArgumentNullException.ThrowIfNull(schemas);
        ArgumentNullException.ThrowIfNull(marts);
        _warehouse = warehouse;
        _bucket = bucket;
        _run = run;
        _schemas = schemas;
        _relations = [.. BigQueryMartSql.Relations(schemas, marts), LoadStateSql.TableName];
    }

    /// <summary>The tables <see cref="EnsureTableAsync"/> created (rather than found in place), in order.</summary>
    public IReadOnlyList<string> TablesCreated => _created;

    public async Task EnsureTableAsync(TableSchema table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (await _warehouse.EnsureTableAsync(table, cancellationToken).ConfigureAwait(false) == TableProvisioning.Created && !_created.Contains(table.Name))
        {
            _created.Add(table.Name);
        }
    }

    public async Task<LoadResult> LoadAsync(TableSchema table, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var result = await _warehouse.LoadAsync(table, _bucket, _run, cancellationToken).ConfigureAwait(false);
        return new LoadResult(result.Table, result.StagedRows, null, null, null, null);
    }

    public async Task CreateMartsAsync(MartCatalog marts, CancellationToken cancellationToken) =>
        await _warehouse.CreateMartsAsync(_schemas, marts, cancellationToken).ConfigureAwait(false);

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken) =>
        await _warehouse.ExecuteAsync("statement", sql, _relations, cancellationToken).ConfigureAwait(false);

    public async Task<LoadCommit?> ReadLoadCommitAsync(CancellationToken cancellationToken)
    {
        var result = await _warehouse.QueryAsync(LoadStateSql.Read, _relations, cancellationToken).ConfigureAwait(false);
        return result.Rows.Count == 0
            ? null
            : new LoadCommit(result.Rows[0][0] ?? string.Empty, string.Equals(result.Rows[0][1], "true", StringComparison.OrdinalIgnoreCase));
    }

    public async Task<IReadOnlyList<CheckResult>> RunChecksAsync(IReadOnlyList<CheckSql.Check> checks, CancellationToken cancellationToken) =>
        await _warehouse.RunChecksAsync(checks, _relations, cancellationToken).ConfigureAwait(false);
}
