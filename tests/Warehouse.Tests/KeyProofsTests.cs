using DuckDB.NET.Data;
using StockLakehouse.Core.Checks;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Warehouse.Tests;

/// <summary>
/// The DuckDB proofs that a uniqueness or same-keys check passes: they must never pass a check its shared SQL fails,
/// and the outcome of every check — verdict, count and sample — must be the shared SQL's, whether a proof decided it or
/// the SQL counted it. Each case runs the checks of two tables keyed by (symbol, trade_date), as the facts are, once as
/// the warehouse runs them and once with their SQL alone.
/// </summary>
public sealed class KeyProofsTests : IDisposable
{
    private readonly DuckDBConnection _connection = DuckDbWarehouse.OpenConnection(":memory:");

    public KeyProofsTests() =>
        _connection.Execute("CREATE TABLE prices (symbol VARCHAR, trade_date DATE, close DOUBLE); CREATE TABLE indicators (symbol VARCHAR, trade_date DATE, sma DOUBLE)");

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Tables_with_unique_and_equal_keys_are_proven_to_pass()
    {
        Insert("prices", ("AAA", "2024-01-02"), ("AAA", "2024-01-03"), ("BBB", "2024-01-02"));
        Insert("prices", ("BBB", "2024-01-03"), ("CCC", "2019-06-28"));
        Insert("indicators", ("CCC", "2019-06-28"), ("BBB", "2024-01-03"), ("BBB", "2024-01-02"), ("AAA", "2024-01-03"), ("AAA", "2024-01-02"));

        Assert.Equal([true, true, true], Proofs());
        Assert.All(Outcomes(), o => Assert.Equal(0, o.Violations));
    }

    [Fact]
    public void A_proven_check_is_not_counted_by_its_sql()
    {
        Insert("prices", ("AAA", "2024-01-02"), ("AAA", "2024-01-03"));
        var keys = Checks().First(c => c.Name == "key_unique").Keys;
        var lying = new CheckSql.Check("prices", "key_unique", "The key is unique.", "SELECT 1 AS x", keys);

        Assert.True(Assert.Single(WarehouseChecks.Run(_connection, [lying])).Passed);
        Assert.False(Assert.Single(WarehouseChecks.Run(_connection, [lying with { Keys = null }])).Passed);
    }

    [Fact]
    public void A_key_duplicated_across_partitions_fails_uniqueness_with_the_sqls_count()
    {
        Insert("prices", ("AAA", "2024-01-02"), ("BBB", "2024-01-02"), ("BBB", "2024-01-03"));
        Insert("prices", ("CCC", "2024-01-02"));
        Insert("prices", ("AAA", "2024-01-02"), ("BBB", "2024-01-03"), ("BBB", "2024-01-03"));
        Insert("indicators", ("AAA", "2024-01-02"), ("BBB", "2024-01-02"), ("BBB", "2024-01-03"), ("CCC", "2024-01-02"));

        Assert.Equal([false, true, true], Proofs());
        var unique = AssertSameAsSql().Single(o => o.Table == "prices" && o.Name == "key_unique");
        Assert.Equal(2, unique.Violations);
        Assert.Equal(["symbol=AAA, trade_date=2024-01-02, copies=2", "symbol=BBB, trade_date=2024-01-03, copies=3"], unique.Sample.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NULL_keys_are_never_proven_and_are_judged_by_the_sql()
    {
        Insert("prices", ("AAA", null), ("AAA", null), ("AAA", "2024-01-02"), (null, "2024-01-02"), (null, "2024-01-02"));
        Insert("indicators", ("AAA", null), ("AAA", "2024-01-02"));

        Assert.Equal([false, false, false], Proofs());
        var outcomes = AssertSameAsSql();
        Assert.Equal(2, outcomes.Single(o => o.Table == "prices" && o.Name == "key_unique").Violations);
        Assert.Equal(0, outcomes.Single(o => o.Table == "indicators" && o.Name == "key_unique").Violations);
        Assert.Equal(5, outcomes.Single(o => o.Name == "rows_match_prices").Violations);
    }

    [Fact]
    public void A_NULL_date_in_both_tables_under_one_symbol_fails_same_keys_though_the_sets_of_dates_are_equal()
    {
        Insert("prices", ("AAA", null), ("AAA", "2024-01-02"));
        Insert("indicators", ("AAA", null), ("AAA", "2024-01-02"));

        Assert.Equal([false, false, false], Proofs());
        var outcomes = AssertSameAsSql();
        Assert.Equal(2, outcomes.Single(o => o.Name == "rows_match_prices").Violations);
        Assert.All(outcomes.Where(o => o.Name == "key_unique"), o => Assert.Equal(0, o.Violations));
    }

    [Fact]
    public void Keys_one_table_lacks_fail_the_same_keys_check_with_the_sqls_count()
    {
        Insert("prices", ("AAA", "2024-01-02"), ("AAA", "2024-01-03"), ("BBB", "2024-01-02"), ("DDD", "2023-12-29"));
        Insert("indicators", ("AAA", "2024-01-02"), ("AAA", "2024-01-04"), ("BBB", "2024-01-02"), ("CCC", "2024-01-02"), ("CCC", "2024-01-03"));

        Assert.Equal([true, true, false], Proofs());
        var parity = AssertSameAsSql().Single(o => o.Name == "rows_match_prices");
        Assert.Equal(5, parity.Violations);
    }

    [Fact]
    public void A_duplicated_key_the_other_table_has_once_passes_the_same_keys_check_as_the_sql_does()
    {
        Insert("prices", ("AAA", "2024-01-02"));
        Insert("indicators", ("AAA", "2024-01-02"), ("AAA", "2024-01-02"));

        Assert.Equal([true, false, true], Proofs());
        var outcomes = AssertSameAsSql();
        Assert.Equal(0, outcomes.Single(o => o.Name == "rows_match_prices").Violations);
        Assert.Equal(1, outcomes.Single(o => o.Table == "indicators" && o.Name == "key_unique").Violations);
    }

    [Fact]
    public void An_empty_table_passes_uniqueness_and_fails_same_keys_with_rows_in_the_other()
    {
        Insert("prices", ("AAA", "2024-01-02"), ("AAA", "2024-01-03"));

        Assert.Equal([true, true, false], Proofs());
        Assert.Equal(2, AssertSameAsSql().Single(o => o.Name == "rows_match_prices").Violations);
    }

    [Fact]
    public void An_integer_ordinal_too_wide_for_a_summary_is_counted_by_the_sql()
    {
        _connection.Execute("CREATE TABLE wide (symbol VARCHAR, n BIGINT); INSERT INTO wide VALUES ('AAA', 0), ('AAA', 1099511627776), ('AAA', 0), ('BBB', -9223372036854775807), ('BBB', 9223372036854775807)");
        var table = Table("wide", "INT64", "n");
        var check = CheckSql.For(table, new DateOnly(2024, 1, 2)).Single(c => c.Name == "key_unique");
        using (var proofs = KeyProofs.For(_connection, [check.Keys!], CancellationToken.None))
        {
            Assert.False(proofs.Passes(check.Keys!, CancellationToken.None));
        }

        var outcome = Assert.Single(WarehouseChecks.Run(_connection, [check]));
        Assert.Equal(1, outcome.Violations);
        Assert.Equal(["symbol=AAA, n=0, copies=2"], outcome.Sample);
    }

    [Fact]
    public void The_summaries_are_dropped_after_the_checks()
    {
        Insert("prices", ("AAA", "2024-01-02"));
        Insert("indicators", ("AAA", "2024-01-02"));

        Assert.All(WarehouseChecks.Run(_connection, Checks()), o => Assert.True(o.Passed));
        Assert.Equal(0, _connection.Scalar<long>("SELECT COUNT(*) FROM duckdb_tables() WHERE temporary"));
    }

    private static TableSchema Table(string name, string ordinalType, string ordinal, params CheckDefinition[] checks) => new(
        name,
        "gold",
        $"Test table {name}.",
        [new FieldSchema("symbol", "STRING", false, "Symbol."), new FieldSchema(ordinal, ordinalType, false, "Ordinal.")],
        ["symbol", ordinal],
        null,
        null,
        [],
        checks);

    /// <summary>Key uniqueness of both tables and indicators' same keys as prices, as <see cref="CheckSql"/> writes them.</summary>
    private static CheckSql.Check[] Checks() =>
    [
        .. CheckSql.For(Table("prices", "DATE", "trade_date"), new DateOnly(2024, 1, 2)),
        .. CheckSql.For(Table("indicators", "DATE", "trade_date", new CheckDefinition("rows_match_prices", CheckKind.SameKeys, "Same keys.", [], null, null, "prices", null)), new DateOnly(2024, 1, 2)),
    ];

    /// <summary>Whether the proofs pass prices' uniqueness, indicators' uniqueness and their same keys.</summary>
    private bool[] Proofs()
    {
        var keys = Checks().Select(c => c.Keys).OfType<KeyCheck>().ToArray();
        Assert.Equal(3, keys.Length);
        using var proofs = KeyProofs.For(_connection, keys, CancellationToken.None);
        return [.. keys.Select(k => proofs.Passes(k, CancellationToken.None))];
    }

    private IReadOnlyList<CheckResult> Outcomes() => WarehouseChecks.Run(_connection, Checks());

    /// <summary>The outcomes of the checks as the warehouse runs them, after asserting they equal those of the SQL alone.</summary>
    private IReadOnlyList<CheckResult> AssertSameAsSql()
    {
        var outcomes = Outcomes();
        var sqlOnly = WarehouseChecks.Run(_connection, [.. Checks().Select(c => c with { Keys = null })]);
        Assert.Equal(sqlOnly.Select(Describe), outcomes.Select(Describe));
        return outcomes;
    }

    private static string Describe(CheckResult result) =>
        $"{result.Table}.{result.Name}: {result.Violations} [{string.Join("; ", result.Sample.Order(StringComparer.Ordinal))}]";

    private void Insert(string table, params (string? Symbol, string? Date)[] rows)
    {
        foreach (var (symbol, date) in rows)
        {
            _connection.Execute($"INSERT INTO {table} VALUES ($1, CAST($2 AS DATE), 1.0)", symbol, date);
        }
    }
}
