using System.Globalization;
using Serilog;
using Serilog.Events;
using StockLakehouse.Core.Checks;
using StockLakehouse.Core.Schemas;
using StockLakehouse.Warehouse.Tests.Stage;

namespace StockLakehouse.Warehouse.Tests;

/// <summary>
/// Row checks read the rows loads changed since they last passed (<see cref="CheckScopes"/>). The tests tell that apart
/// from reading the whole table with a violation written by hand outside every load, which a check over the changed rows
/// does not see and one over the whole table does.
/// </summary>
public sealed class CheckScopesTests : IDisposable
{
    private static readonly DateOnly Start = new(2025, 1, 1);
    private static readonly TableSchema Table = TestLake.DatedPrices;
    private static readonly CheckSql.Check Positive = RowCheck("close_positive", "(close > 0) IS NOT TRUE");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"stocklakehouse-scopes-{Guid.NewGuid():N}");

    public CheckScopesTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static CheckSql.Check RowCheck(string name, string condition) =>
        new(Table.Name, name, name, $"SELECT * FROM {Table.Name} WHERE {condition}") { RowCondition = condition, RowScope = ("symbol", "trade_date") };

    /// <summary>Writes <paramref name="symbol"/>'s partition of days 0 to <paramref name="days"/> - 1 (close 100 + day) with <paramref name="close"/> for the days it names.</summary>
    private string Write(string symbol, Dictionary<int, double>? close = null, int days = 10)
    {
        var file = Path.Combine(_folder, "lake", $"symbol={symbol}", "part-0.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var values = string.Join(", ", Enumerable.Range(0, days).Select(d => string.Create(
            CultureInfo.InvariantCulture,
            $"('{symbol}', DATE '{Start.AddDays(d):yyyy-MM-dd}', CAST({(close is not null && close.TryGetValue(d, out var c) ? c : 100.0 + d)} AS DOUBLE))")));
        using var connection = DuckDbWarehouse.OpenConnection(":memory:");
        connection.Execute($"COPY (SELECT * FROM (VALUES {values}) v(symbol, trade_date, close)) TO '{file}' (FORMAT parquet)");
        return file;
    }

    /// <summary>Writes <paramref name="symbol"/>'s partition of <paramref name="days"/> days, close 100 + day, the last day's close <paramref name="last"/>.</summary>
    private string WriteLong(string symbol, int days, double last)
    {
        var file = Path.Combine(_folder, "lake", $"symbol={symbol}", "part-0.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using var connection = DuckDbWarehouse.OpenConnection(":memory:");
        connection.Execute(string.Create(
            CultureInfo.InvariantCulture,
            $"COPY (SELECT '{symbol}' AS symbol, DATE '{Start:yyyy-MM-dd}' + CAST(d AS INTEGER) AS trade_date, CASE WHEN d = {days - 1} THEN CAST({last} AS DOUBLE) ELSE CAST(100 + d AS DOUBLE) END AS close FROM range({days}) t(d)) TO '{file}' (FORMAT parquet)"));
        return file;
    }

    private static CheckResult Outcome(DuckDbWarehouse warehouse, CheckSql.Check check, bool changedRowsOnly = true) =>
        Assert.Single(WarehouseChecks.Run(warehouse.Connection, [check], changedRowsOnly: changedRowsOnly));

    private static long Violations(DuckDbWarehouse warehouse, CheckSql.Check check) => Outcome(warehouse, check).Violations;

    private static long Pending(DuckDbWarehouse warehouse) => warehouse.Connection.Scalar<long>("SELECT COUNT(*) FROM check_pending");

    [Fact]
    public void A_row_check_reads_the_rows_changed_since_it_last_passed_keeps_them_while_it_fails_and_reads_everything_when_the_checks_change()
    {
        string[] files = [Write("AAA"), Write("BBB")];
        using var warehouse = DuckDbWarehouse.Open(Path.Combine(_folder, "w.duckdb"));
        warehouse.EnsureTable(Table);
        warehouse.LoadPartitions(Table, files, 500, known: new Dictionary<string, KnownPartition> { ["AAA"] = new("a1"), ["BBB"] = new("b1") });
        Assert.Equal(1, Pending(warehouse)); // a first load: the whole table

        Assert.Equal(0, Violations(warehouse, Positive));
        Assert.Equal(0, Pending(warehouse));

        // A violation no load wrote, in BBB, and one AAA's next load brings on day 5, the first of its change.
        warehouse.Connection.Execute($"UPDATE dated_prices SET close = -1 WHERE symbol = 'BBB' AND trade_date = DATE '{Start.AddDays(1):yyyy-MM-dd}'");
        Write("AAA", new() { [5] = -5 });
        warehouse.LoadPartitions(Table, files, 500, known: new Dictionary<string, KnownPartition> { ["AAA"] = new("a2", new PartitionChange("a1", Start.AddDays(5))), ["BBB"] = new("b1") });

        // Over AAA's rows from day 5 on: AAA's violation alone, reported with the check's own SQL; it stays pending.
        var outcome = Outcome(warehouse, Positive);
        Assert.Equal(1, outcome.Violations);
        Assert.Contains("symbol=AAA", Assert.Single(outcome.Sample), StringComparison.Ordinal);
        Assert.Equal(Positive.Sql, outcome.Sql);
        Assert.Equal(1, Violations(warehouse, Positive));

        // Mended by the next load: it passes and nothing is pending any more.
        Write("AAA");
        warehouse.LoadPartitions(Table, files, 500, known: new Dictionary<string, KnownPartition> { ["AAA"] = new("a3", new PartitionChange("a2", Start.AddDays(5))), ["BBB"] = new("b1") });
        Assert.Equal(0, Violations(warehouse, Positive));
        Assert.Equal(0, Pending(warehouse));

        // Every row when asked (the check command alone), and then another check or the same one changed, which have no
        // baseline: each reads the whole table and finds BBB's row.
        Assert.Equal(1, Outcome(warehouse, Positive, changedRowsOnly: false).Violations);
        Assert.Equal(1, Violations(warehouse, RowCheck("close_positive", "(close >= 0) IS NOT TRUE")));
        Assert.Equal(1, Violations(warehouse, RowCheck("close_above_zero", "(close > 0) IS NOT TRUE")));
    }

    [Fact]
    public void The_row_checks_of_the_pending_rows_pass_together_and_a_violation_of_one_is_counted_by_each_check_alone()
    {
        // Three row checks of one table over its pending rows: DuckDB first looks for a row that fails any of them.
        var small = RowCheck("close_small", "(close < 1000) IS NOT TRUE");
        var known = RowCheck("not_null_close", "close IS NULL");
        CheckSql.Check[] checks = [Positive, small, known];
        string[] files = [Write("AAA"), Write("BBB")];
        using var warehouse = DuckDbWarehouse.Open(Path.Combine(_folder, "w.duckdb"));
        warehouse.EnsureTable(Table);
        warehouse.LoadPartitions(Table, files, 500, known: new Dictionary<string, KnownPartition> { ["AAA"] = new("a1"), ["BBB"] = new("b1") });
        Assert.All(WarehouseChecks.Run(warehouse.Connection, checks, changedRowsOnly: true), r => Assert.True(r.Passed));

        // A violation written by hand in BBB, outside every load, and AAA's next load from day 5 on: passing, both checks
        // read AAA's pending rows alone, together.
        warehouse.Connection.Execute($"UPDATE dated_prices SET close = 5000 WHERE symbol = 'BBB' AND trade_date = DATE '{Start.AddDays(1):yyyy-MM-dd}'");
        Write("AAA", new() { [6] = 200 });
        warehouse.LoadPartitions(Table, files, 500, known: new Dictionary<string, KnownPartition> { ["AAA"] = new("a2", new PartitionChange("a1", Start.AddDays(5))), ["BBB"] = new("b1") });
        var events = new List<LogEvent>();
        using (var log = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(new ListSink(events)).CreateLogger())
        {
            Assert.All(WarehouseChecks.Run(warehouse.Connection, checks, log: log, changedRowsOnly: true), r => Assert.True(r.Passed));
        }

        Assert.Equal(0, Pending(warehouse));
        var scan = Assert.Single(events, e => e.MessageTemplate.Text.StartsWith("Row checks of {Table} ({Count}, in one scan)", StringComparison.Ordinal));
        Assert.Equal("0", scan.Properties["Violating"].ToString());
        Assert.DoesNotContain(events, e => e.MessageTemplate.Text.StartsWith("Check {Table}.{Check}", StringComparison.Ordinal));

        // Two violations of one check and one of another in AAA's next change: each counted and sampled on its own.
        Write("AAA", new() { [6] = -1, [7] = -2, [8] = 2000 });
        warehouse.LoadPartitions(Table, files, 500, known: new Dictionary<string, KnownPartition> { ["AAA"] = new("a3", new PartitionChange("a2", Start.AddDays(5))), ["BBB"] = new("b1") });
        var results = WarehouseChecks.Run(warehouse.Connection, checks, changedRowsOnly: true);
        Assert.Equal([2L, 1L, 0L], results.Select(r => r.Violations));
        Assert.All(results[0].Sample.Concat(results[1].Sample), row => Assert.Contains("symbol=AAA", row, StringComparison.Ordinal));
        Assert.Equal(checks.Select(c => c.Sql), results.Select(r => r.Sql));

        // Over the whole table (the check command alone), each check alone: BBB's row too.
        Assert.Equal([2L, 2L, 0L], WarehouseChecks.Run(warehouse.Connection, checks).Select(r => r.Violations));
    }

    [Fact]
    public void A_relationship_reads_the_pending_rows_while_the_values_it_looks_up_only_grow_and_the_whole_table_when_one_is_gone()
    {
        // A relationship of the test table's dates to a calendar: the calendar gains days as the facts do.
        const string Referenced = "SELECT \"day\" FROM calendar WHERE \"day\" IS NOT NULL";
        const string Condition = "trade_date IS NOT NULL AND trade_date NOT IN (" + Referenced + ")";
        var dated = new CheckSql.Check(Table.Name, "date_exists", "date_exists", $"SELECT * FROM {Table.Name} WHERE {Condition}")
        {
            RowCondition = Condition,
            RowScope = ("symbol", "trade_date"),
            Referenced = Referenced,
        };
        string[] files = [Write("AAA"), Write("BBB")];
        using var warehouse = DuckDbWarehouse.Open(Path.Combine(_folder, "w.duckdb"));
        warehouse.Connection.Execute($"CREATE TABLE calendar AS SELECT DATE '{Start:yyyy-MM-dd}' + CAST(d AS INTEGER) AS \"day\" FROM range(10) t(d)");
        warehouse.EnsureTable(Table);
        warehouse.LoadPartitions(Table, files, 500, known: new Dictionary<string, KnownPartition> { ["AAA"] = new("a1"), ["BBB"] = new("b1") });
        Assert.Equal(0, Violations(warehouse, dated));

        // BBB's day 1 moved by hand off the calendar, outside every load; AAA's next load from day 5 on, and a new day in
        // the calendar: the check reads AAA's pending rows alone.
        warehouse.Connection.Execute($"UPDATE dated_prices SET trade_date = DATE '{Start.AddDays(-3):yyyy-MM-dd}' WHERE symbol = 'BBB' AND trade_date = DATE '{Start.AddDays(1):yyyy-MM-dd}'");
        warehouse.Connection.Execute($"INSERT INTO calendar VALUES (DATE '{Start.AddDays(10):yyyy-MM-dd}')");
        Write("AAA", new() { [6] = 106.5 });
        warehouse.LoadPartitions(Table, files, 500, known: new Dictionary<string, KnownPartition> { ["AAA"] = new("a2", new PartitionChange("a1", Start.AddDays(5))), ["BBB"] = new("b1") });
        Assert.Equal(0, Violations(warehouse, dated));

        // A day the check looked up is gone from the calendar: rows that passed may not any more, so the whole table is
        // read, AAA's row on that day and BBB's moved row both found.
        warehouse.Connection.Execute($"DELETE FROM calendar WHERE \"day\" = DATE '{Start.AddDays(2):yyyy-MM-dd}'");
        Write("AAA", new() { [7] = 107.5 });
        warehouse.LoadPartitions(Table, files, 500, known: new Dictionary<string, KnownPartition> { ["AAA"] = new("a3", new PartitionChange("a2", Start.AddDays(7))), ["BBB"] = new("b1") });
        Assert.Equal(3, Violations(warehouse, dated));
    }

    /// <summary>The test table with a relationship of its dates to a calendar, its row checks as <see cref="CheckSql.For"/> describes them.</summary>
    private static CheckSql.Check[] CalendarChecks() =>
        [.. CheckSql.For(
                Table with { Checks = [new CheckDefinition("date_exists", CheckKind.Relationship, "Every date is in the calendar.", [], null, "trade_date", "calendar.day", null)] },
                Start)
            .Where(c => c.RowCondition is not null)];

    private DuckDbWarehouse CalendarWarehouse(string[] files)
    {
        var warehouse = DuckDbWarehouse.Open(Path.Combine(_folder, "w.duckdb"));
        warehouse.Connection.Execute($"CREATE TABLE calendar AS SELECT DATE '{Start:yyyy-MM-dd}' + CAST(d AS INTEGER) AS \"day\" FROM range(10) t(d)");
        warehouse.EnsureTable(Table);
        warehouse.LoadPartitions(Table, files, 500, known: new Dictionary<string, KnownPartition> { ["AAA"] = new("a1"), ["BBB"] = new("b1") });
        return warehouse;
    }

    private static long CalendarViolations(DuckDbWarehouse warehouse) =>
        WarehouseChecks.Run(warehouse.Connection, CalendarChecks(), changedRowsOnly: true).Sum(r => r.Violations);

    [Fact]
    public void A_value_a_relationship_looked_up_gone_with_nothing_pending_makes_its_checks_read_the_whole_table()
    {
        Assert.Contains(CalendarChecks(), c => c.Name == "date_exists" && c.Referenced is not null && c.RowScope is not null);
        using var warehouse = CalendarWarehouse([Write("AAA"), Write("BBB")]);
        Assert.Equal(0, CalendarViolations(warehouse));
        Assert.Equal(0, CalendarViolations(warehouse)); // nothing pending: nothing read

        warehouse.Connection.Execute($"DELETE FROM calendar WHERE \"day\" = DATE '{Start.AddDays(3):yyyy-MM-dd}'");

        Assert.Equal(2, CalendarViolations(warehouse));
    }

    [Fact]
    public void A_record_of_the_values_looked_up_emptied_by_hand_makes_the_checks_read_the_whole_table()
    {
        string[] files = [Write("AAA"), Write("BBB")];
        using var warehouse = CalendarWarehouse(files);
        Assert.Equal(0, CalendarViolations(warehouse));

        // The record emptied, a calendar day deleted and AAA loaded from day 7 on: with an empty record nothing would seem
        // gone, and reading AAA's pending rows alone would miss both rows of the deleted day.
        warehouse.Connection.Execute($"DELETE FROM {CheckScopes.BaselineReferencesTable}");
        warehouse.Connection.Execute($"DELETE FROM calendar WHERE \"day\" = DATE '{Start.AddDays(3):yyyy-MM-dd}'");
        Write("AAA", new() { [7] = 107.5 });
        warehouse.LoadPartitions(Table, files, 500, known: new Dictionary<string, KnownPartition> { ["AAA"] = new("a2", new PartitionChange("a1", Start.AddDays(7))), ["BBB"] = new("b1") });

        Assert.Equal(2, CalendarViolations(warehouse));
    }

    [Fact]
    public void A_whole_partition_loaded_again_is_read_whole_and_a_check_without_rows_pending_reads_none()
    {
        // 50 partitions: one of them pending whole is the most a check copies (CheckScopes.WholePartitionsPer).
        var symbols = new[] { "AAA", "BBB" }.Concat(Enumerable.Range(0, 48).Select(i => $"C{i:00}")).ToArray();
        var files = symbols.Select(s => Write(s)).ToArray();
        using var warehouse = DuckDbWarehouse.Open(Path.Combine(_folder, "w.duckdb"));
        warehouse.EnsureTable(Table);
        Dictionary<string, KnownPartition> Known(string aaa, string c00 = "c1") =>
            symbols.ToDictionary(s => s, s => s == "AAA" ? new KnownPartition(aaa) : s == "C00" ? new KnownPartition(c00) : new KnownPartition("f1"));
        warehouse.LoadPartitions(Table, files, 500, known: Known("a1"));
        Assert.Equal(0, Violations(warehouse, Positive));

        // BBB's day 0 written by hand: no load recorded it, so with nothing pending the check reads no row.
        warehouse.Connection.Execute($"UPDATE dated_prices SET close = -1 WHERE symbol = 'BBB' AND trade_date = DATE '{Start:yyyy-MM-dd}'");
        Assert.Equal(0, Violations(warehouse, Positive));

        // AAA's file changed with no date known: the whole of AAA is read (day 0 included), BBB's rows are not.
        Write("AAA", new() { [0] = -3 });
        warehouse.LoadPartitions(Table, files, 500, known: Known("a2"));
        var outcome = Outcome(warehouse, Positive);
        Assert.Equal(1, outcome.Violations);
        Assert.Contains("symbol=AAA", Assert.Single(outcome.Sample), StringComparison.Ordinal);

        // AAA mended, and C00 loaded again: two partitions pending whole of 50 are too many to copy, so the check reads
        // the table and finds BBB's row, which a copy of AAA's and C00's would not hold.
        Write("AAA");
        warehouse.LoadPartitions(Table, files, 500, known: Known("a3", "c2"));
        Assert.Contains("symbol=BBB", Assert.Single(Outcome(warehouse, Positive).Sample), StringComparison.Ordinal);
    }

    [Fact]
    public void A_few_partitions_pending_from_an_earlier_month_are_read_alone_and_the_rest_from_the_latest_date_they_leave()
    {
        // 100 partitions of 40 days, 1 January to 9 February: two is the most the second scan takes
        // (CheckScopes.WholePartitionsPer). A load batch records the earliest date of its partitions in a month (the
        // table's time partition), so the dates apart are a month apart.
        const int Days = 40, Corrected = 28, Last = 39;
        var symbols = Enumerable.Range(0, 100).Select(i => $"P{i:00}").ToArray();
        var files = symbols.Select(s => Write(s, days: Days)).ToArray();
        using var warehouse = DuckDbWarehouse.Open(Path.Combine(_folder, "w.duckdb"));
        warehouse.EnsureTable(Table);
        warehouse.LoadPartitions(Table, files, 500, known: symbols.ToDictionary(s => s, _ => new KnownPartition("f1")));
        Assert.Equal(0, Violations(warehouse, Positive));
        // P50's 30 January written by hand: only a check reading that day of every partition finds it.
        warehouse.Connection.Execute($"UPDATE dated_prices SET close = -1 WHERE symbol = 'P50' AND trade_date = DATE '{Start.AddDays(Corrected + 1):yyyy-MM-dd}'");

        // A day: every partition's 9 February new, and the last `earlier` partitions corrected from 29 January on, P99's
        // 29 January a violation.
        void Day(string from, string to, int earlier, double last)
        {
            foreach (var (symbol, i) in symbols.Select((s, i) => (s, i)))
            {
                Write(symbol, i >= symbols.Length - earlier ? new() { [Corrected] = symbol == "P99" ? -5 : 50, [Last] = last } : new() { [Last] = last }, Days);
            }

            warehouse.LoadPartitions(Table, files, 500, known: symbols.Select((s, i) => (s, i)).ToDictionary(
                p => p.s,
                p => new KnownPartition(to, new PartitionChange(from, Start.AddDays(p.i >= symbols.Length - earlier ? Corrected : Last)))));
        }

        // Two corrected: the check reads 9 February of every partition and P98 and P99 before it: P99's violation, not P50's.
        Day("f1", "f2", earlier: 2, last: 300);
        var outcome = Outcome(warehouse, Positive);
        Assert.Equal(1, outcome.Violations);
        Assert.Contains("symbol=P99", Assert.Single(outcome.Sample), StringComparison.Ordinal);

        // Three are one too many for the second scan: the first reads from 29 January on, P50's 30 January too.
        Day("f2", "f3", earlier: 3, last: 301);
        Assert.Equal(2, Outcome(warehouse, Positive).Violations);
    }

    [Fact]
    public void Pending_rows_spread_over_more_than_one_vector_in_ten_of_a_large_table_are_read_with_the_whole_table()
    {
        // 70 partitions of 2,000 days loaded in turn: 69 vectors of 2,048 rows; each partition's last day in its own.
        var symbols = Enumerable.Range(0, 70).Select(i => $"S{i:00}").ToArray();
        var files = symbols.Select(s => WriteLong(s, 2_000, 2_099)).ToArray();
        using var warehouse = DuckDbWarehouse.Open(Path.Combine(_folder, "w.duckdb"));
        warehouse.EnsureTable(Table);
        warehouse.LoadPartitions(Table, files, 500, known: symbols.ToDictionary(s => s, _ => new KnownPartition("f1")));
        Assert.Equal(0, Violations(warehouse, Positive));
        warehouse.Connection.Execute($"UPDATE dated_prices SET close = -1 WHERE symbol = 'S00' AND trade_date = DATE '{Start:yyyy-MM-dd}'");

        // Every partition's last day corrected, the change known from day 1,990 on (as a day's lookback gives it): the
        // load moves the last days to the table's end, but the rows from day 1,990 on still lie in every vector of the
        // build, so the check reads the table and finds S00's first day, which no load wrote.
        foreach (var symbol in symbols)
        {
            WriteLong(symbol, 2_000, 5);
        }

        warehouse.LoadPartitions(Table, files, 500, known: symbols.ToDictionary(s => s, _ => new KnownPartition("f2", new PartitionChange("f1", Start.AddDays(1_990)))));
        Assert.Contains("symbol=S00", Assert.Single(Outcome(warehouse, Positive).Sample), StringComparison.Ordinal);
    }
}
