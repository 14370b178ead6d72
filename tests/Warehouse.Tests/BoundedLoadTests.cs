using System.Globalization;
using System.Text.RegularExpressions;
using StockLakehouse.Core.Progress;
using StockLakehouse.Warehouse.Tests.Stage;

namespace StockLakehouse.Warehouse.Tests;

/// <summary>
/// A partition whose file is known to differ from the one the warehouse loaded only from a date on has only its rows
/// from that date on deleted and merged; everything else loads whole. The tests tell the two apart by giving a change
/// whose date is later than a real difference: where the bound is used, the earlier difference is not merged.
/// </summary>
public sealed partial class BoundedLoadTests : IDisposable
{
    private static readonly DateOnly Start = new(2025, 1, 1);

    /// <summary>A small fact table partitioned by symbol in the lake and by month of its key's trade_date in the warehouse.</summary>
    private static readonly TableSchema Table = TestLake.DatedPrices;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"stocklakehouse-bounded-{Guid.NewGuid():N}");

    public BoundedLoadTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static DateOnly Day(int day) => Start.AddDays(day);

    /// <summary>Days 0 to 9, close 100 + day.</summary>
    private static (int Day, double Close)[] Original() => Enumerable.Range(0, 10).Select(d => (d, 100.0 + d)).ToArray();

    /// <summary>
    /// <see cref="Original"/> with <paramref name="corrected"/> days set to close 111 × day, <paramref name="removed"/> days
    /// gone and <paramref name="added"/> days new (close 100 + day).
    /// </summary>
    private static (int Day, double Close)[] Changed(int[] corrected, int[] removed, int[] added) =>
        Original().Where(r => !removed.Contains(r.Day))
            .Select(r => corrected.Contains(r.Day) ? (r.Day, 111.0 * r.Day) : r)
            .Concat(added.Select(d => (d, 100.0 + d)))
            .ToArray();

    /// <summary>Writes <paramref name="symbol"/>'s partition file of <paramref name="table"/> with <paramref name="rows"/>; returns its path.</summary>
    private string Write(string symbol, (int Day, double Close)[] rows, TableSchema? table = null)
    {
        var file = Path.Combine(_folder, "lake", (table ?? Table).Name, $"symbol={symbol}", "part-0.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var dateColumn = table is null ? "trade_date" : "day";
        var values = string.Join(", ", rows.Select(r => string.Create(
            CultureInfo.InvariantCulture,
            $"('{symbol}', {(table is null ? $"DATE '{Day(r.Day):yyyy-MM-dd}'" : $"CAST({r.Day} AS BIGINT)")}, CAST({r.Close} AS DOUBLE))")));
        using var connection = DuckDbWarehouse.OpenConnection(":memory:");
        connection.Execute($"COPY (SELECT * FROM (VALUES {values}) v(symbol, {dateColumn}, close)) TO '{file}' (FORMAT parquet)");
        return file;
    }

    private DuckDbWarehouse Open(TableSchema? table = null)
    {
        var warehouse = DuckDbWarehouse.Open(Path.Combine(_folder, "w.duckdb"));
        warehouse.EnsureTable(table ?? Table);
        return warehouse;
    }

    /// <summary>A symbol's rows as <c>day:close</c>, in order of date.</summary>
    private static string Rows(DuckDbWarehouse warehouse, string symbol) =>
        warehouse.Connection.Scalar<string>(
            $"SELECT string_agg(CAST(trade_date - DATE '{Start:yyyy-MM-dd}' AS VARCHAR) || ':' || CAST(close AS VARCHAR), ',' ORDER BY trade_date) FROM dated_prices WHERE symbol = '{symbol}'");

    private static string Expected((int Day, double Close)[] rows) =>
        string.Join(",", rows.OrderBy(r => r.Day).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Day}:{r.Close:0.0}")));

    private static string Records(DuckDbWarehouse warehouse, TableSchema table) =>
        warehouse.Connection.Scalar<string>($"SELECT string_agg(partition_value || '=' || fingerprint, ',' ORDER BY partition_value) FROM load_partitions WHERE table_name = '{table.Name}'");

    [Fact]
    public void Only_rows_from_the_date_on_are_merged_when_the_change_starts_from_the_recorded_file_and_the_whole_file_otherwise()
    {
        string[] files = [Write("AAA", Original()), Write("BBB", Original())];
        using var warehouse = Open();
        warehouse.LoadPartitions(Table, files, 500, known: new Dictionary<string, KnownPartition> { ["AAA"] = new("f1"), ["BBB"] = new("f1") });
        // Both files now differ from day 2 on (2 and 7 corrected, 3 and 9 gone, 10 new), and both changes say day 5:
        // true of neither. AAA's starts from the file the warehouse recorded, BBB's from another one.
        var changed = Changed(corrected: [2, 7], removed: [3, 9], added: [10]);
        Write("AAA", changed);
        Write("BBB", changed);

        var result = warehouse.LoadPartitions(
            Table,
            files,
            500,
            known: new Dictionary<string, KnownPartition>
            {
                ["AAA"] = new("f2", new PartitionChange("f1", Day(5))),
                ["BBB"] = new("f2", new PartitionChange("f0", Day(5))),
            });

        // AAA: days 2 and 3 before the bound are as loaded before; 7 updated, 9 deleted, 10 inserted. BBB: all of it.
        Assert.Equal(Expected([.. Original().Where(r => r.Day != 9 && r.Day != 7), (7, 777.0), (10, 110.0)]), Rows(warehouse, "AAA"));
        Assert.Equal(Expected(changed), Rows(warehouse, "BBB"));
        // Updated: AAA's day 7, and BBB's eight kept days, written again whole (a small whole batch replaces its partitions).
        Assert.Equal((2L, 9L, 3L, 19L), (result.Inserted, result.Updated, result.Deleted, result.RowsAfter));
        Assert.Equal("AAA=f2,BBB=f2", Records(warehouse, Table));
    }

    [Fact]
    public void Bounded_partitions_are_batched_by_date_and_month_after_the_whole_ones_each_batch_from_its_earliest_date()
    {
        string[] symbols = ["AAA", "BBB", "CCC", "DDD", "EEE"];
        var files = symbols.Select(s => Write(s, Original())).ToArray();
        using var warehouse = Open();
        warehouse.LoadPartitions(Table, files, 2, known: symbols.ToDictionary(s => s, _ => new KnownPartition("f1")));
        // Every file differs at days 4 and 9 (January); AAA's change says day 6, BBB's day 2, CCC's day 8, EEE's February
        // (after every row it has), DDD's is unknown.
        foreach (var symbol in symbols)
        {
            Write(symbol, Changed(corrected: [4, 9], removed: [], added: []));
        }

        var statements = new List<string>();
        var progress = new List<StageProgress>();
        warehouse.Observer = statements.Add;

        warehouse.LoadPartitions(
            Table,
            files,
            2,
            new SynchronousProgress(progress.Add),
            new Dictionary<string, KnownPartition>
            {
                ["AAA"] = new("f2", new PartitionChange("f1", Day(6))),
                ["BBB"] = new("f2", new PartitionChange("f1", Day(2))),
                ["CCC"] = new("f2", new PartitionChange("f1", Day(8))),
                ["DDD"] = new("f2"),
                ["EEE"] = new("f2", new PartitionChange("f1", Day(31))),
            });

        // DDD alone and whole; then BBB with AAA from day 2 (so AAA's day 4 is merged too); then CCC from day 8, alone
        // although the batch has room, because EEE's date is in another month.
        // A statement of each batch names its partitions and bound: a small whole batch's delete by partition (it replaces
        // them), a bounded batch's insert of its new and changed rows (LoadSql.InsertMissingFrom).
        var inserts = statements.Where(s => (s.StartsWith($"DELETE FROM \"{Table.Name}\"", StringComparison.Ordinal) && s.Contains(" IN ('", StringComparison.Ordinal) && !s.Contains("EXISTS", StringComparison.Ordinal))
            || (s.StartsWith("INSERT INTO", StringComparison.Ordinal) && s.Contains("\nWHERE NOT EXISTS", StringComparison.Ordinal))).ToArray();
        Assert.Equal(["DDD", "AAA,BBB", "CCC", "EEE"], inserts.Select(s => string.Join(",", QuotedSymbols().Matches(s).Select(m => m.Groups[1].Value))));
        Assert.Equal(
            [null, $"{Day(2):yyyy-MM-dd}", $"{Day(8):yyyy-MM-dd}", $"{Day(31):yyyy-MM-dd}"],
            inserts.Select(s => DateLiteral().Match(s) is { Success: true } m ? m.Groups[1].Value : null));
        Assert.Equal("444.0,444.0,104.0,444.0,104.0", string.Join(",", symbols.Select(s => Rows(warehouse, s).Split(',')[4].Split(':')[1])));
        Assert.Equal(["999.0", "999.0", "999.0", "999.0", "109.0"], symbols.Select(s => Rows(warehouse, s).Split(',')[9].Split(':')[1]));
        Assert.Equal([1, 3, 4, 5], progress.Select(p => p.Done));
        Assert.Equal("AAA=f2,BBB=f2,CCC=f2,DDD=f2,EEE=f2", Records(warehouse, Table));
    }

    [Fact]
    public void A_table_with_no_date_column_and_an_emptied_table_load_whole_whatever_change_is_known()
    {
        var prices = TestLake.Prices;
        string[] files = [Write("AAA", Original(), prices)];
        using var warehouse = Open(prices);
        string[] datedFiles = [Write("AAA", Original())];
        warehouse.EnsureTable(Table);
        warehouse.LoadPartitions(prices, files, 500, known: new Dictionary<string, KnownPartition> { ["AAA"] = new("f1") });
        warehouse.LoadPartitions(Table, datedFiles, 500, known: new Dictionary<string, KnownPartition> { ["AAA"] = new("f1") });
        var changed = Changed(corrected: [2], removed: [], added: []);
        Write("AAA", changed, prices);
        Write("AAA", changed);
        warehouse.Connection.Execute("DELETE FROM dated_prices");
        var change = new Dictionary<string, KnownPartition> { ["AAA"] = new("f2", new PartitionChange("f1", Day(5))) };

        warehouse.LoadPartitions(prices, files, 500, known: change);
        var emptied = warehouse.LoadPartitions(Table, datedFiles, 500, known: change);

        Assert.Equal(222.0, warehouse.Connection.Scalar<double>("SELECT close FROM prices WHERE day = 2"));
        Assert.Equal(Expected(changed), Rows(warehouse, "AAA"));
        Assert.Equal((10L, 10L), (emptied.Inserted, emptied.RowsAfter));
        Assert.Equal("AAA=f2", Records(warehouse, prices));
    }

    /// <summary>Writes a change file holding <paramref name="rows"/> of several symbols; returns its path.</summary>
    private string WriteChanges(params (string Symbol, (int Day, double Close)[] Rows)[] rows)
    {
        var file = Path.Combine(_folder, "lake", "_changes", $"run_id={Guid.NewGuid():N}", "part-0.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var values = string.Join(", ", rows.SelectMany(p => p.Rows.Select(r => string.Create(
            CultureInfo.InvariantCulture,
            $"('{p.Symbol}', DATE '{Day(r.Day):yyyy-MM-dd}', CAST({r.Close} AS DOUBLE))"))));
        using var connection = DuckDbWarehouse.OpenConnection(":memory:");
        connection.Execute($"COPY (SELECT * FROM (VALUES {values}) v(symbol, trade_date, close)) TO '{file}' (FORMAT parquet)");
        return file;
    }

    /// <summary>
    /// Loads AAA and BBB's <see cref="Original"/> rows as f1, then writes their files again with day 7 corrected and
    /// day 10 added; returns the files and the new rows.
    /// </summary>
    private (string[] Files, (int Day, double Close)[] Changed) LoadThenChange(DuckDbWarehouse warehouse)
    {
        string[] files = [Write("AAA", Original()), Write("BBB", Original())];
        warehouse.LoadPartitions(Table, files, 500, known: new Dictionary<string, KnownPartition> { ["AAA"] = new("f1"), ["BBB"] = new("f1") });
        var changed = Changed(corrected: [7], removed: [], added: [10]);
        Write("AAA", changed);
        Write("BBB", changed);
        return (files, changed);
    }

    /// <summary><paramref name="rows"/> from day 3 on, day 7's close set to 700 (which no partition file has).</summary>
    private static (int Day, double Close)[] Day7At700((int Day, double Close)[] rows) =>
        rows.Where(r => r.Day >= 3).Select(r => r.Day == 7 ? (7, 700.0) : r).ToArray();

    /// <summary>AAA changed from f1 since day 5 and BBB since day 6, their rows in <paramref name="changes"/> from day 3 and <paramref name="bbbFrom"/>.</summary>
    private static Dictionary<string, KnownPartition> ChangedFromDays5And6(string changes, DateOnly bbbFrom) => new()
    {
        ["AAA"] = new("f2", new PartitionChange("f1", Day(5)) { Rows = new ChangedRows(changes, Day(3)) }),
        ["BBB"] = new("f2", new PartitionChange("f1", Day(6)) { Rows = new ChangedRows(changes, bbbFrom) }),
    };

    [Fact]
    public void A_bounded_batch_reads_its_rows_from_the_change_file_when_it_holds_every_partition_from_the_bound_on()
    {
        using var warehouse = Open();
        var (files, changed) = LoadThenChange(warehouse);
        // The change file, which should hold the partition files' rows from day 3 on, says 700 for AAA's day 7 instead,
        // so the warehouse shows which one was read. It also holds rows of a third symbol, which the load must not take.
        var fromDay3 = changed.Where(r => r.Day >= 3).ToArray();
        var changes = WriteChanges(("AAA", Day7At700(changed)), ("BBB", fromDay3), ("CCC", fromDay3));

        var result = warehouse.LoadPartitions(Table, files, 500, known: ChangedFromDays5And6(changes, Day(3)));

        Assert.Equal(Expected([.. Original().Where(r => r.Day != 7), (7, 700.0), (10, 110.0)]), Rows(warehouse, "AAA"));
        Assert.Equal(Expected(changed), Rows(warehouse, "BBB"));
        Assert.Equal(0L, warehouse.Connection.Scalar<long>("SELECT COUNT(*) FROM dated_prices WHERE symbol = 'CCC'"));
        Assert.Equal((2L, 2L, 0L, 22L), (result.Inserted, result.Updated, result.Deleted, result.RowsAfter));
        Assert.Equal((2L, 2L), (result.PartitionsFromADate, result.PartitionsFromChangeFiles));
        Assert.Equal("AAA=f2,BBB=f2", Records(warehouse, Table));
    }

    [Theory]
    [InlineData("rows from after the bound")]
    [InlineData("a partition missing")]
    public void A_change_file_that_may_lack_rows_of_the_batch_is_not_read_and_the_partition_files_are(string flaw)
    {
        using var warehouse = Open();
        var (files, changed) = LoadThenChange(warehouse);
        var wrong = Day7At700(changed);
        // Either the change file says BBB's rows there start on day 6, after the batch's bound (AAA's day 5), or it has
        // no rows of BBB at all although the state says it has.
        var changes = flaw == "a partition missing" ? WriteChanges(("AAA", wrong)) : WriteChanges(("AAA", wrong), ("BBB", wrong));

        var result = warehouse.LoadPartitions(Table, files, 500, known: ChangedFromDays5And6(changes, flaw == "a partition missing" ? Day(3) : Day(6)));

        Assert.Equal(Expected(changed), Rows(warehouse, "AAA"));
        Assert.Equal(Expected(changed), Rows(warehouse, "BBB"));
        Assert.Equal((2L, 0L), (result.PartitionsFromADate, result.PartitionsFromChangeFiles));
    }

    [Fact]
    public void The_bound_goes_on_the_tables_date_column_in_its_key_and_a_table_without_one_refuses_it()
    {
        Assert.Equal("trade_date", LoadSql.ChangeDateColumn(Table));
        Assert.Null(LoadSql.ChangeDateColumn(TestLake.Prices));
        Assert.Null(LoadSql.ChangeDateColumn(Table with { Key = ["symbol"] }));
        var error = Assert.Throws<ArgumentException>(() => LoadSql.MergeFrom(TestLake.Prices, "staging", since: Day(5)));
        Assert.Contains("'prices'", error.Message, StringComparison.Ordinal);
        Assert.Contains("2025-01-06", error.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"'([A-Z]+)'")]
    private static partial Regex QuotedSymbols();

    [GeneratedRegex(@"DATE '(\d{4}-\d{2}-\d{2})'")]
    private static partial Regex DateLiteral();
}
