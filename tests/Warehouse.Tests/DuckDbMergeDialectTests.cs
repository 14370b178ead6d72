using DuckDB.NET.Data;

namespace StockLakehouse.Warehouse.Tests;

/// <summary>
/// Pins the MERGE INTO dialect DuckDB 1.5 accepts, which the warehouse's upserts rely on; if an upgrade changes it,
/// these fail before the jobs do.
/// </summary>
public sealed class DuckDbMergeDialectTests : IDisposable
{
    private readonly DuckDBConnection _connection = DuckDbWarehouse.OpenConnection(":memory:");

    public DuckDbMergeDialectTests()
    {
        _connection.Execute("""
            CREATE TABLE target(id INTEGER PRIMARY KEY, v VARCHAR, d DATE);
            INSERT INTO target VALUES (1, 'a', '2024-01-01'), (2, 'b', '2024-01-02'), (3, 'old', '2023-06-01');
            CREATE TABLE source(id INTEGER, v VARCHAR, d DATE);
            INSERT INTO source VALUES (1, 'A', '2024-02-01'), (4, 'D', '2024-02-04');
            """);
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Merge_UpdateInsertAndConditionalDeleteBySource_AppliesAllThree()
    {
        var changed = _connection.Execute("""
            MERGE INTO target USING source ON target.id = source.id
            WHEN MATCHED THEN UPDATE SET v = source.v, d = source.d
            WHEN NOT MATCHED THEN INSERT VALUES (source.id, source.v, source.d)
            WHEN NOT MATCHED BY SOURCE AND target.d < DATE '2024-01-01' THEN DELETE
            """);

        Assert.Equal(3, changed);
        Assert.Equal("1:A:2024-02-01|2:b:2024-01-02|4:D:2024-02-04", Snapshot());
    }

    [Fact]
    public void Merge_UpdateSetStarAndInsertStar_SameColumnOrder_UpsertsAll()
    {
        var changed = _connection.Execute("""
            MERGE INTO target AS t USING source AS s ON t.id = s.id
            WHEN MATCHED THEN UPDATE SET *
            WHEN NOT MATCHED THEN INSERT *
            """);

        Assert.Equal(2, changed);
        Assert.Equal("1:A:2024-02-01|2:b:2024-01-02|3:old:2023-06-01|4:D:2024-02-04", Snapshot());
    }

    [Fact]
    public void Merge_UpdateSetStarWithReorderedSource_FailsBecauseStarIsPositional()
    {
        // SET * and INSERT * pair columns by position, so a source with the same names in another order is
        // cast column-by-column (here DATE -> INTEGER) instead of being matched by name.
        var error = Assert.Throws<DuckDBException>(() => _connection.Execute("""
            MERGE INTO target AS t USING (SELECT d, v, id FROM source) AS s ON t.id = s.id
            WHEN MATCHED THEN UPDATE SET *
            WHEN NOT MATCHED THEN INSERT *
            """));

        Assert.Contains("Conversion Error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_UpdateByNameAndInsertByName_MatchColumnsByName()
    {
        var changed = _connection.Execute("""
            MERGE INTO target AS t USING (SELECT d, v, id FROM source) AS s ON t.id = s.id
            WHEN MATCHED THEN UPDATE BY NAME
            WHEN NOT MATCHED THEN INSERT BY NAME
            """);

        Assert.Equal(2, changed);
        Assert.Equal("1:A:2024-02-01|2:b:2024-01-02|3:old:2023-06-01|4:D:2024-02-04", Snapshot());
    }

    [Fact]
    public void Merge_ByNameWithSubsetOfColumns_LeavesOthersUntouchedOrNull()
    {
        _connection.Execute("""
            MERGE INTO target AS t USING (SELECT v, id FROM source) AS s ON t.id = s.id
            WHEN MATCHED THEN UPDATE BY NAME
            WHEN NOT MATCHED THEN INSERT BY NAME
            """);

        Assert.Equal("1:A:2024-01-01|2:b:2024-01-02|3:old:2023-06-01|4:D:NULL", Snapshot());
    }

    [Fact]
    public void Merge_UsingColumnListWithBareUpdateAndInsert_Works()
    {
        var changed = _connection.Execute(
            "MERGE INTO target USING source USING (id) WHEN MATCHED THEN UPDATE WHEN NOT MATCHED THEN INSERT");

        Assert.Equal(2, changed);
        Assert.Equal("1:A:2024-02-01|2:b:2024-01-02|3:old:2023-06-01|4:D:2024-02-04", Snapshot());
    }

    [Fact]
    public void Merge_FromStagingTableLoadedWithParameters_UpsertsBatch()
    {
        _connection.Execute("CREATE TEMP TABLE staging AS SELECT * FROM target WHERE false");
        _connection.Execute("INSERT INTO staging VALUES ($1, $2, $3), ($4, $5, $6)", 2, "B", new DateOnly(2024, 3, 2), 5, "E", new DateOnly(2024, 3, 5));

        var changed = _connection.Execute(
            "MERGE INTO target USING staging ON target.id = staging.id WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");

        Assert.Equal(2, changed);
        Assert.Equal("1:a:2024-01-01|2:B:2024-03-02|3:old:2023-06-01|5:E:2024-03-05", Snapshot());
    }

    [Fact]
    public void Merge_DoNothingAndNotMatchedBySourceUpdate_AreSupported()
    {
        var changed = _connection.Execute("""
            MERGE INTO target USING source ON target.id = source.id
            WHEN MATCHED THEN DO NOTHING
            WHEN NOT MATCHED BY TARGET THEN INSERT (id, v) VALUES (source.id, source.v)
            WHEN NOT MATCHED BY SOURCE AND target.d >= DATE '2024-01-01' THEN UPDATE SET v = 'stale'
            """);

        Assert.Equal(2, changed);
        Assert.Equal("1:a:2024-01-01|2:stale:2024-01-02|3:old:2023-06-01|4:D:NULL", Snapshot());
    }

    [Fact]
    public void Merge_WithReturning_ReportsActionPerRow()
    {
        var result = _connection.Query(
            "MERGE INTO target USING source ON target.id = source.id WHEN MATCHED THEN UPDATE SET v = source.v "
            + "WHEN NOT MATCHED THEN INSERT * RETURNING merge_action, id");

        var actions = Enumerable.Range(0, result.RowCount)
            .Select(r => $"{result["merge_action"].GetValue(r)}:{result["id"].GetValue(r)}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(["INSERT:4", "UPDATE:1"], actions);
    }

    private string? Snapshot() =>
        _connection.Scalar<string>(
            "SELECT string_agg(id || ':' || coalesce(v, 'NULL') || ':' || coalesce(d::VARCHAR, 'NULL'), '|' ORDER BY id) FROM target");
}
