using DuckDB.NET.Data;

namespace StockLakehouse.Warehouse.Tests;

/// <summary>
/// The two forms of the shared merge give the same table and the same counts: BigQuery's MERGE
/// (<see cref="LoadSql.MergeFrom"/>) and DuckDB's delete of changed rows then insert of missing keys
/// (<see cref="LoadSql.DeleteChangedFrom"/>, <see cref="LoadSql.InsertMissingFrom"/>), each after the delete of missing
/// keys, with and without a date bound, over rows whose values are NULL on either side.
/// </summary>
public sealed class MergeFormsTests
{
    private static readonly TableSchema Table = new(
        "dated_values",
        "gold",
        "Test values by trade date.",
        [
            new FieldSchema("symbol", "STRING", true, "Symbol."),
            new FieldSchema("trade_date", "DATE", true, "Trade date."),
            new FieldSchema("close", "FLOAT64", true, "Close."),
            new FieldSchema("note", "FLOAT64", false, "A nullable value."),
        ],
        ["symbol", "trade_date"],
        "symbol",
        new Partitioning("trade_date", "MONTH"),
        [],
        []);

    // Target: AAA days 1–6 and BBB days 1–2; staged: AAA without day 2, day 3 changed, day 4 NULL → 1, day 5 1 → NULL,
    // day 6 NULL unchanged, a new day 7; BBB day 2 changed.
    private const string Target = """
        ('AAA', DATE '2025-01-01', 10, 1), ('AAA', DATE '2025-01-02', 11, 1), ('AAA', DATE '2025-01-03', 12, 1),
        ('AAA', DATE '2025-01-04', 13, NULL), ('AAA', DATE '2025-01-05', 14, 1), ('AAA', DATE '2025-01-06', 15, NULL),
        ('BBB', DATE '2025-01-01', 20, 2), ('BBB', DATE '2025-01-02', 21, 2)
        """;

    private const string Staged = """
        ('AAA', DATE '2025-01-01', 10, 1), ('AAA', DATE '2025-01-03', 99, 1), ('AAA', DATE '2025-01-04', 13, 1),
        ('AAA', DATE '2025-01-05', 14, NULL), ('AAA', DATE '2025-01-06', 15, NULL), ('AAA', DATE '2025-01-07', 16, NULL),
        ('BBB', DATE '2025-01-01', 20, 2), ('BBB', DATE '2025-01-02', 98, 2)
        """;

    public static TheoryData<string?> Bounds => new([null, "2025-01-04"]);

    [Theory]
    [MemberData(nameof(Bounds))]
    public void The_delete_and_insert_leave_the_table_and_the_counts_of_the_merge(string? bound)
    {
        var since = bound is null ? (DateOnly?)null : DateOnly.Parse(bound, System.Globalization.CultureInfo.InvariantCulture);
        string[] partitions = ["AAA", "BBB"];

        using var merged = Open();
        var mergeDeleted = merged.Execute(LoadSql.DeleteMissingFrom(Table, "staged", since: since));
        var mergeChanged = merged.Execute(LoadSql.MergeFrom(Table, "staged", partitions, since));
        var mergeRows = merged.Scalar<long>("SELECT COUNT(*) FROM dated_values");

        using var replaced = Open();
        var deleted = replaced.Execute(LoadSql.DeleteMissingFrom(Table, "staged", since: since));
        var updated = replaced.Execute(LoadSql.DeleteChangedFrom(Table, "staged", partitions, since));
        var written = replaced.Execute(LoadSql.InsertMissingFrom(Table, "staged", partitions, since));

        Assert.Equal(Rows(merged), Rows(replaced));
        // The merge's count is its updates and inserts; the other form's are the changed rows deleted and every row written.
        Assert.Equal((mergeDeleted, mergeChanged), (deleted, written));
        Assert.Equal(mergeRows - 8 + deleted, written - updated);
        // What the case holds: day 2 deleted (unbounded only), days 3, 4 and 5 of AAA and day 2 of BBB changed (day 3
        // and BBB's day 2 only when unbounded), day 7 new; day 6, NULL on both sides, untouched.
        Assert.Equal(bound is null ? (1, 4, 5) : (0, 2, 3), (deleted, updated, written));
    }

    private static DuckDBConnection Open()
    {
        var connection = DuckDbWarehouse.OpenConnection(":memory:");
        connection.Execute($"CREATE TABLE dated_values (symbol VARCHAR NOT NULL, trade_date DATE NOT NULL, close DOUBLE NOT NULL, note DOUBLE); INSERT INTO dated_values VALUES {Target};");
        connection.Execute($"CREATE TABLE staged AS SELECT * FROM (VALUES {Staged}) AS v(symbol, trade_date, close, note);");
        return connection;
    }

    private static string Rows(DuckDBConnection connection)
    {
        var rows = connection.Query("SELECT symbol || '|' || trade_date || '|' || close || '|' || COALESCE(CAST(note AS VARCHAR), 'NULL') FROM dated_values ORDER BY symbol, trade_date");
        return string.Join("; ", Enumerable.Range(0, rows.RowCount).Select(i => (string)rows.Columns[0].GetValue(i)!));
    }
}
