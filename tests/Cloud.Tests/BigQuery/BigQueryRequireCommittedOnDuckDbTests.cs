using DuckDB.NET.Data;
using StockLakehouse.Core.Warehouse;
using StockLakehouse.Warehouse;

namespace StockLakehouse.Cloud.Tests.BigQuery;

/// <summary>
/// The refusal of an uncommitted load says the same in both places it is made: the warehouse stage's own check
/// (<c>lakehouse check</c>, deploy) and the query the Composer DAGs run (<see cref="BigQueryLoadStateSql.RequireCommitted"/>).
/// The generated query is run, not read: DuckDB has BigQuery's ERROR(), so with the dataset's backtick names and
/// GoogleSQL's escaped quote turned into DuckDB's, it fails over the same load record with the message the stage throws.
/// </summary>
public sealed class BigQueryRequireCommittedOnDuckDbTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly DuckDbWarehouse _warehouse;

    public BigQueryRequireCommittedOnDuckDbTests()
    {
        _warehouse = DuckDbWarehouse.Open(Path.Combine(_folder.Path, "w.duckdb"));
    }

    public void Dispose()
    {
        _warehouse.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task No_load_recorded_is_refused_with_the_stages_sentence()
    {
        var refused = await RefusalOfTheStageAsync();

        var error = Assert.ThrowsAny<DuckDBException>(RequireCommitted);

        Assert.Equal(UncommittedLoadException.NoLoadSentence, refused);
        Assert.EndsWith(refused, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_load_that_did_not_commit_is_refused_with_the_stages_sentence_naming_its_run()
    {
        _warehouse.EnsureTable(LoadStateSql.Table);
        foreach (var statement in LoadStateSql.Begin("20250110-r7"))
        {
            _warehouse.Connection.Execute(statement);
        }

        var refused = await RefusalOfTheStageAsync();

        var error = Assert.ThrowsAny<DuckDBException>(RequireCommitted);

        Assert.Contains("(run 20250110-r7) did not finish", refused, StringComparison.Ordinal);
        Assert.EndsWith(refused, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_committed_load_passes_with_no_violation()
    {
        _warehouse.EnsureTable(LoadStateSql.Table);
        foreach (var statement in LoadStateSql.Begin("20250110-r7").Concat(LoadStateSql.Commit("20250110-r7")))
        {
            _warehouse.Connection.Execute(statement);
        }

        var violations = _warehouse.Connection.Scalar<object>(BigQueryOnDuckDb.Translate(BigQueryLoadStateSql.RequireCommitted(BigQueryOnDuckDb.Dataset)));

        Assert.Equal("0", Convert.ToString(violations, System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<string> RefusalOfTheStageAsync()
    {
        var stage = new WarehouseStage(new DuckDbLakeWarehouse(_warehouse, _folder.Path, 1), Catalogs.Marts, Serilog.Core.Logger.None);
        var refused = await Assert.ThrowsAsync<UncommittedLoadException>(() => stage.CheckAsync([], new DateOnly(2025, 1, 10), CancellationToken.None));
        return refused.Message;
    }

    private void RequireCommitted() => _warehouse.Connection.Execute(BigQueryOnDuckDb.Translate(BigQueryLoadStateSql.RequireCommitted(BigQueryOnDuckDb.Dataset)));
}
