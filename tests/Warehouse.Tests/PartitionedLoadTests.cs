using StockLakehouse.Core.Progress;
using StockLakehouse.Warehouse.Tests.Stage;

namespace StockLakehouse.Warehouse.Tests;

/// <summary>Loading partition files in batches gives the table one load of them all would, and stays idempotent.</summary>
public sealed class PartitionedLoadTests : IDisposable
{
    private static readonly TableSchema Prices = TestLake.Prices;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"stocklakehouse-load-{Guid.NewGuid():N}");

    public PartitionedLoadTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Writes one partition file per symbol with <paramref name="days"/> rows each; returns the files.</summary>
    private string[] WritePartitions(string[] symbols, int days, double close)
    {
        using var connection = DuckDbWarehouse.OpenConnection(":memory:");
        return symbols.Select(symbol =>
        {
            var file = Path.Combine(_folder, "lake", $"symbol={symbol}", "part-0.parquet");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            connection.Execute(
                $"COPY (SELECT '{symbol}' AS symbol, CAST(d AS BIGINT) AS day, CAST({close.ToString(System.Globalization.CultureInfo.InvariantCulture)} + d AS DOUBLE) AS close FROM range({days}) t(d)) TO '{file}' (FORMAT parquet)");
            return file;
        }).ToArray();
    }

    private DuckDbWarehouse Open(string name)
    {
        var warehouse = DuckDbWarehouse.Open(Path.Combine(_folder, name));
        warehouse.EnsureTable(Prices);
        return warehouse;
    }

    [Fact]
    public void An_empty_table_takes_every_partition_at_once_and_changed_partitions_merge_in_batches_of_two()
    {
        string[] symbols = ["AAA", "BBB", "CCC", "DDD", "EEE"];
        var files = WritePartitions(symbols, 10, 100);
        using var whole = Open("whole.duckdb");
        using var batched = Open("batched.duckdb");
        var first = new List<StageProgress>();
        var second = new List<StageProgress>();

        var empty = batched.LoadPartitions(Prices, files, 2, new SynchronousProgress(first.Add));
        WritePartitions(symbols, 10, 200);
        var one = whole.Load(Prices, Path.Combine(_folder, "lake", "*", "part-0.parquet"));
        var result = batched.LoadPartitions(Prices, files, 2, new SynchronousProgress(second.Add));

        Assert.Equal((50L, 50L, 0L, 0L, 50L), (empty.RowsRead, empty.Inserted, empty.Updated, empty.Deleted, empty.RowsAfter));
        Assert.Equal((50L, 0L, 50L, 0L, 50L), (result.RowsRead, result.Inserted, result.Updated, result.Deleted, result.RowsAfter));
        Assert.Equal((one.RowsRead, one.RowsAfter), (result.RowsRead, result.RowsAfter));
        const string Fingerprint = "SELECT md5(string_agg(symbol || ':' || day || ':' || close, ',' ORDER BY symbol, day)) FROM prices";
        Assert.Equal(whole.Connection.Scalar<string>(Fingerprint), batched.Connection.Scalar<string>(Fingerprint));
        Assert.Equal([5], first.Select(p => p.Done));
        Assert.Equal([2, 4, 5], second.Select(p => p.Done));
        Assert.All(first.Concat(second), p => Assert.Equal(5, p.Total));
    }

    [Fact]
    public void An_empty_table_takes_more_files_than_one_bulk_statement_reads_in_several_statements_of_one_transaction()
    {
        var lake = Path.Combine(_folder, "lake");
        using (var connection = DuckDbWarehouse.OpenConnection(":memory:"))
        {
            connection.Execute(
                $"COPY (SELECT 'S' || lpad(CAST(d AS VARCHAR), 5, '0') AS symbol, CAST(d AS BIGINT) AS day, CAST(d AS DOUBLE) AS close FROM range({DuckDbWarehouse.BulkInsertFiles + 1}) t(d)) "
                + $"TO '{lake}' (FORMAT parquet, PARTITION_BY (symbol), FILENAME_PATTERN 'part-{{i}}', WRITE_PARTITION_COLUMNS true)");
        }

        var files = Directory.GetFiles(lake, "part-0.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        using var warehouse = Open("w.duckdb");
        var statements = new List<string>();
        warehouse.Observer = statements.Add;

        var result = warehouse.LoadPartitions(Prices, files, 500);

        Assert.Equal(DuckDbWarehouse.BulkInsertFiles + 1, files.Length);
        Assert.Equal((files.Length, (long)files.Length), (result.RowsAfter, result.Inserted));
        var inserts = statements.Select((s, i) => (s, i)).Where(p => p.s.StartsWith("INSERT INTO \"prices\"", StringComparison.Ordinal)).Select(p => p.i).ToArray();
        Assert.Equal(2, inserts.Length);
        Assert.Single(statements, s => s == "BEGIN TRANSACTION");
        Assert.True(statements.IndexOf("BEGIN TRANSACTION") < inserts[0] && inserts[1] < statements.IndexOf("COMMIT"), string.Join("\n", statements));
        Assert.Equal(files.Length * (files.Length - 1) / 2.0, warehouse.Connection.Scalar<double>("SELECT SUM(close) FROM prices"));
    }

    /// <summary>Writes <paramref name="symbol"/>'s rows of days [from, to) as <paramref name="name"/> in its partition folder; returns the file.</summary>
    private string WriteRows(string symbol, string name, int from, int to, double close)
    {
        using var connection = DuckDbWarehouse.OpenConnection(":memory:");
        var file = Path.Combine(_folder, "lake", $"symbol={symbol}", name);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        connection.Execute(
            $"COPY (SELECT '{symbol}' AS symbol, CAST(d AS BIGINT) AS day, CAST({close.ToString(System.Globalization.CultureInfo.InvariantCulture)} + d AS DOUBLE) AS close FROM range({from}, {to}) t(d)) TO '{file}' (FORMAT parquet)");
        return file;
    }

    [Fact]
    public void A_partition_of_a_file_and_a_tail_loads_as_one_partition_and_a_changed_tail_merges_it_again()
    {
        var files = WritePartitions(["AAA", "BBB"], 10, 100);
        // BBB's rows as a file of days 0 to 6 and a tail of days 7 to 9, the tail listed first: the order given does not matter.
        WriteRows("BBB", "part-0.parquet", 0, 7, 100);
        var tail = WriteRows("BBB", "part-1.parquet", 7, 10, 100);
        string[] all = [files[0], tail, files[1]];
        using var warehouse = Open("w.duckdb");
        var progress = new List<StageProgress>();

        var first = warehouse.LoadPartitions(Prices, all, 500, new SynchronousProgress(progress.Add));
        var rerun = warehouse.LoadPartitions(Prices, all, 500);
        WriteRows("BBB", "part-1.parquet", 7, 11, 200);
        var grown = warehouse.LoadPartitions(Prices, all, 500);
        var dayTen = warehouse.Connection.Scalar<double>("SELECT close FROM prices WHERE symbol = 'BBB' AND day = 10");
        var withoutTail = warehouse.LoadPartitions(Prices, files, 500);

        Assert.Equal((20L, 20L, 20L), (first.RowsRead, first.Inserted, first.RowsAfter));
        Assert.Equal([2], progress.Select(p => p.Total));
        Assert.Equal(0L, rerun.RowsRead);
        // Only BBB is staged, with both files: its 7 + 4 rows, replaced (days 0 to 9 written again, updated) and day 10 added.
        Assert.Equal((11L, 1L, 10L, 21L), (grown.RowsRead, grown.Inserted, grown.Updated, grown.RowsAfter));
        Assert.Equal(210.0, dayTen);
        // Without its tail the partition holds days 0 to 6: the tail's rows leave the table.
        Assert.Equal((4L, 17L), (withoutTail.Deleted, withoutTail.RowsAfter));
    }

    [Fact]
    public void Columns_are_matched_by_name_and_a_file_lacking_one_fails_the_load()
    {
        var files = WritePartitions(["AAA"], 3, 100);
        var reordered = Path.Combine(_folder, "lake", "symbol=BBB", "part-0.parquet");
        var lacking = Path.Combine(_folder, "lake", "symbol=CCC", "part-0.parquet");
        using (var connection = DuckDbWarehouse.OpenConnection(":memory:"))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(reordered)!);
            Directory.CreateDirectory(Path.GetDirectoryName(lacking)!);
            connection.Execute($"COPY (SELECT CAST(200 + d AS DOUBLE) AS close, CAST(d AS BIGINT) AS day, 'BBB' AS symbol FROM range(3) t(d)) TO '{reordered}' (FORMAT parquet)");
            connection.Execute($"COPY (SELECT 'CCC' AS symbol, CAST(d AS BIGINT) AS day FROM range(3) t(d)) TO '{lacking}' (FORMAT parquet)");
        }

        using var empty = Open("empty.duckdb");
        using var merged = Open("merged.duckdb");
        empty.LoadPartitions(Prices, [files[0], reordered], 500);
        merged.LoadPartitions(Prices, files, 500);
        merged.LoadPartitions(Prices, [files[0], reordered], 500);
        var bulkError = Assert.ThrowsAny<Exception>(() => Open("lacking.duckdb").LoadPartitions(Prices, [files[0], lacking], 500));
        var mergeError = Assert.ThrowsAny<Exception>(() => merged.LoadPartitions(Prices, [files[0], reordered, lacking], 500));

        // The file whose columns come in another order (close, day, symbol) loads by name, into an empty table and by merge.
        const string Bbb = "SELECT string_agg(day || ':' || close, ',' ORDER BY day) FROM prices WHERE symbol = 'BBB'";
        Assert.Equal("0:200.0,1:201.0,2:202.0", empty.Connection.Scalar<string>(Bbb));
        Assert.Equal("0:200.0,1:201.0,2:202.0", merged.Connection.Scalar<string>(Bbb));
        // The file without close fails the statement both ways: read after another file, DuckDB names it (with union_by_name
        // it would have read NULLs and failed on the NOT NULL column alone); read alone, as the merge of its one changed
        // partition reads it, the column is not found.
        Assert.Contains($"could not be found in file \"{lacking}\"", bulkError.Message, StringComparison.Ordinal);
        Assert.Contains("\"close\" not found", mergeError.Message, StringComparison.Ordinal);
        Assert.Equal(0L, merged.Connection.Scalar<long>("SELECT count(*) FROM prices WHERE symbol = 'CCC'"));
    }

    [Fact]
    public void A_file_that_is_neither_a_partition_file_nor_its_tail_is_refused()
    {
        var other = WriteRows("AAA", "part-2.parquet", 0, 3, 100);
        using var warehouse = Open("w.duckdb");

        var error = Assert.Throws<ArgumentException>(() => warehouse.LoadPartitions(Prices, [other], 500));

        Assert.Contains("part-2.parquet", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1_000_000L)]
    [InlineData(0L)]
    public void A_rerun_changes_nothing_and_a_shrunk_partition_loses_only_its_missing_rows(long replaceRows)
    {
        // Whole batches replace their partitions (small batches), or merge them (past the limit).
        var files = WritePartitions(["AAA", "BBB", "CCC"], 10, 100);
        using var warehouse = Open("w.duckdb");
        warehouse.WholeBatchReplaceRows = replaceRows;
        warehouse.LoadPartitions(Prices, files, 2);

        var rerun = warehouse.LoadPartitions(Prices, files, 2);
        WritePartitions(["BBB"], 7, 200);
        var changed = warehouse.LoadPartitions(Prices, files, 2);

        Assert.Equal((0L, 0L, 0L), (rerun.Inserted, rerun.Updated, rerun.Deleted));
        Assert.Equal((0L, 7L, 3L, 27L), (changed.Inserted, changed.Updated, changed.Deleted, changed.RowsAfter));
        Assert.Equal(10L, warehouse.Connection.Scalar<long>("SELECT count(*) FROM prices WHERE symbol = 'CCC'"));
        // BBB's days 0 to 6 now close at 200 + day.
        Assert.Equal(1421.0, warehouse.Connection.Scalar<double>("SELECT sum(close) FROM prices WHERE symbol = 'BBB'"));
    }

    [Fact]
    public void Only_partitions_whose_file_changed_are_staged_and_an_emptied_table_is_loaded_whole()
    {
        var files = WritePartitions(["AAA", "BBB", "CCC"], 10, 100);
        using var warehouse = Open("w.duckdb");
        var first = warehouse.LoadPartitions(Prices, files, 2);

        var rerun = warehouse.LoadPartitions(Prices, files, 2);
        WritePartitions(["AAA"], 10, 100);
        var sameBytes = warehouse.LoadPartitions(Prices, files, 2);
        WritePartitions(["CCC"], 11, 100);
        var grown = warehouse.LoadPartitions(Prices, files, 2);
        warehouse.Connection.Execute("DELETE FROM prices");
        var emptied = warehouse.LoadPartitions(Prices, files, 2);
        var gone = warehouse.LoadPartitions(Prices, files[..2], 2);

        Assert.Equal((30L, 30L), (first.RowsRead, first.Inserted));
        Assert.Equal(0L, rerun.RowsRead);
        Assert.Equal(0L, sameBytes.RowsRead);
        // CCC replaced: its ten kept days count as updated (written again), day 10 as inserted.
        Assert.Equal((11L, 1L, 10L), (grown.RowsRead, grown.Inserted, grown.Updated));
        Assert.Equal((31L, 31L, 31L), (emptied.RowsRead, emptied.Inserted, emptied.RowsAfter));
        Assert.Equal((0L, 11L, 20L), (gone.RowsRead, gone.Deleted, gone.RowsAfter));
        Assert.Equal("AAA,BBB", warehouse.Connection.Scalar<string>("SELECT string_agg(partition_value, ',' ORDER BY partition_value) FROM load_partitions WHERE table_name = 'prices'"));
    }
}
