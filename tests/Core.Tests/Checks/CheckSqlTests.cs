using StockLakehouse.Core.Checks;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Core.Tests.Checks;

/// <summary>Which checks <see cref="CheckSql"/> describes by their key, for an engine that can prove them cheaper than their SQL.</summary>
public sealed class CheckSqlTests
{
    private static readonly SchemaCatalog Schemas = SchemaCatalog.LoadDefault();

    [Fact]
    public void The_facts_key_checks_are_described_by_symbol_and_trade_date()
    {
        var checks = new[] { "fact_stock_price", "fact_technical_indicator" }
            .SelectMany(t => CheckSql.For(Schemas[t], new DateOnly(2025, 12, 31)))
            .Where(c => c.Keys is not null)
            .Select(c => $"{c.Table}.{c.Name}: {c.Keys!.Table} ({string.Join(", ", c.Keys.Groups)}) {c.Keys.Ordinal} date={c.Keys.OrdinalIsDate} same as {c.Keys.SameKeysAs ?? "-"}");

        Assert.Equal(
            [
                "fact_stock_price.key_unique: fact_stock_price (symbol) trade_date date=True same as -",
                "fact_technical_indicator.key_unique: fact_technical_indicator (symbol) trade_date date=True same as -",
                "fact_technical_indicator.rows_match_fact_stock_price: fact_technical_indicator (symbol) trade_date date=True same as fact_stock_price",
            ],
            checks);
    }

    [Fact]
    public void Of_the_dimensions_only_the_date_ending_unique_of_dim_company_is_described()
    {
        var described = new[] { "dim_company", "dim_date", "dim_exchange" }
            .SelectMany(t => CheckSql.For(Schemas[t], new DateOnly(2025, 12, 31)))
            .Where(c => c.Keys is not null)
            .Select(c => $"{c.Table}.{c.Name}");

        Assert.Equal(["dim_company.symbol_version_unique"], described);
    }

    [Fact]
    public void The_facts_relationships_are_row_checks_of_their_partitions_with_the_values_they_look_up()
    {
        var relationships = new[] { "fact_stock_price", "fact_technical_indicator" }
            .SelectMany(t => CheckSql.For(Schemas[t], new DateOnly(2025, 12, 31)))
            .Where(c => c.Referenced is not null)
            .Select(c => $"{c.Table}.{c.Name}: {c.Referenced} | {c.RowScope} | {c.Sql == $"SELECT * FROM \"{c.Table}\" WHERE {c.RowCondition}"}");

        Assert.Equal(
            [
                "fact_stock_price.date_exists: SELECT \"date_key\" FROM \"dim_date\" WHERE \"date_key\" IS NOT NULL | (symbol, trade_date) | True",
                "fact_stock_price.trade_date_is_trading_day: SELECT \"date_key\" FROM \"dim_date\" WHERE (is_trading_day) AND \"date_key\" IS NOT NULL | (symbol, trade_date) | True",
                "fact_stock_price.company_exists: SELECT \"company_key\" FROM \"dim_company\" WHERE \"company_key\" IS NOT NULL | (symbol, trade_date) | True",
                "fact_stock_price.exchange_exists: SELECT \"exchange_key\" FROM \"dim_exchange\" WHERE \"exchange_key\" IS NOT NULL | (symbol, trade_date) | True",
                "fact_technical_indicator.date_exists: SELECT \"date_key\" FROM \"dim_date\" WHERE \"date_key\" IS NOT NULL | (symbol, trade_date) | True",
                "fact_technical_indicator.company_exists: SELECT \"company_key\" FROM \"dim_company\" WHERE \"company_key\" IS NOT NULL | (symbol, trade_date) | True",
            ],
            relationships);
    }
}
