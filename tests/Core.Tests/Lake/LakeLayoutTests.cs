using StockLakehouse.Core.Lake;

namespace StockLakehouse.Core.Tests.Lake;

public sealed class LakeLayoutTests
{
    private static readonly SchemaCatalog Schemas = SchemaCatalog.LoadDefault();

    [Theory]
    [InlineData("raw/source=yahoo/dataset=chart/ingest_date=2025-01-03/AAPL-r1.json", true)]
    [InlineData("raw/source=yahoo/dataset=chart/ingest_date=2025-01-03/", true)]
    [InlineData("raw/source=yahoo/dataset=chart/ingest_date=2025-1-3/", false)]
    [InlineData("raw/source=yahoo/dataset=chart/other/", false)]
    [InlineData("raw/source=yahoo/dataset=chart/ingest_date=2025", false)]
    public void TryIngestDateOf_ReadsAKeysOrAFoldersIngestDate(string key, bool has)
    {
        Assert.Equal(has, LakeLayout.TryIngestDateOf(key, out var date));
        Assert.Equal(has ? new DateOnly(2025, 1, 3) : default, date);
    }

    [Theory]
    [InlineData("AAPL")]
    [InlineData("BRK-B")]
    [InlineData("EURUSD=X")]
    [InlineData("^GSPC")]
    public void PartitionValueOf_IsPartitionsInverse(string symbol)
    {
        var silver = Schemas["daily_bar"];

        Assert.Equal(symbol, LakeLayout.PartitionValueOf(silver, LakeLayout.Partition(silver, symbol)));
    }

    [Theory]
    [InlineData("silver/daily_bar/symbol=AAPL/.staging-0123-part-0.parquet")]
    [InlineData("silver/daily_bar/symbol=AAPL/extra/part-0.parquet")]
    [InlineData("silver/daily_bar/symbol=/part-0.parquet")]
    [InlineData("gold/fact_stock_price/symbol=AAPL/part-0.parquet")]
    public void PartitionValueOf_AnotherKey_IsNull(string key) =>
        Assert.Null(LakeLayout.PartitionValueOf(Schemas["daily_bar"], key));

    [Fact]
    public void PartitionValueOf_ATableWithoutLakePartition_IsNull() =>
        Assert.Null(LakeLayout.PartitionValueOf(Schemas["dim_date"], LakeLayout.Partition(Schemas["dim_date"], null)));
}
