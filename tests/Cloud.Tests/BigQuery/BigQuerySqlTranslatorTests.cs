namespace StockLakehouse.Cloud.Tests.BigQuery;

public sealed class BigQuerySqlTranslatorTests
{
    private static readonly BigQuerySqlTranslator Translator = new(new BigQueryDataset("proj", "ds"), ["fact_stock_price", "dim_date"]);

    [Fact]
    public void Translate_DuckDbQuotedIdentifiers_BecomeBackticks()
    {
        Assert.Equal("SELECT `symbol`, `trade_date` FROM x", Translator.Translate("SELECT \"symbol\", \"trade_date\" FROM x"));
    }

    [Fact]
    public void Translate_KnownTableAfterFromOrJoin_IsQualifiedWithTheDataset()
    {
        var sql = Translator.Translate("SELECT * FROM \"fact_stock_price\" f JOIN dim_date AS d ON d.date_key = f.date_key");

        Assert.Equal("SELECT * FROM `proj.ds.fact_stock_price` f JOIN `proj.ds.dim_date` AS d ON d.date_key = f.date_key", sql);
    }

    [Fact]
    public void Translate_KnownTablesAsTargetsAndSourcesOfDml_AreQualified()
    {
        var sql = Translator.Translate("INSERT INTO \"dim_date\" (x) VALUES (1); UPDATE dim_date SET x = 2; MERGE INTO fact_stock_price AS t USING dim_date AS s ON TRUE");

        Assert.Equal(
            "INSERT INTO `proj.ds.dim_date` (x) VALUES (1); UPDATE `proj.ds.dim_date` SET x = 2; MERGE INTO `proj.ds.fact_stock_price` AS t USING `proj.ds.dim_date` AS s ON TRUE",
            sql);
    }

    [Theory]
    [InlineData("SELECT * FROM dim_date JOIN fact_stock_price USING (date_key)", "SELECT * FROM `proj.ds.dim_date` JOIN `proj.ds.fact_stock_price` USING (date_key)")]
    [InlineData("SELECT table_name FROM information_schema.tables", "SELECT table_name FROM `proj.ds`.INFORMATION_SCHEMA.TABLES")]
    public void Translate_JoinUsingColumnsStaysAndInformationSchemaBecomesTheDatasetsCatalog(string sql, string expected)
    {
        Assert.Equal(expected, Translator.Translate(sql));
    }

    [Fact]
    public void Translate_ColumnAfterExtractFrom_IsLeftAlone()
    {
        Assert.Equal("SELECT EXTRACT(DAY FROM full_date) FROM `proj.ds.dim_date`", Translator.Translate("SELECT EXTRACT(DAY FROM full_date) FROM dim_date"));
    }

    [Fact]
    public void Translate_UnknownNamesAndAlreadyQualifiedNames_AreLeftAlone()
    {
        Assert.Equal(
            "WITH chosen AS (SELECT 1) SELECT * FROM chosen JOIN other.dim_date ON TRUE",
            Translator.Translate("WITH chosen AS (SELECT 1) SELECT * FROM chosen JOIN other.dim_date ON TRUE"));
    }

    [Fact]
    public void Translate_CommentsAndStringLiterals_AreCopiedUnchanged()
    {
        var sql = "-- rows FROM dim_date \"quoted\"\nSELECT 'FROM dim_date' AS t /* JOIN dim_date */ FROM dim_date";

        Assert.Equal("-- rows FROM dim_date \"quoted\"\nSELECT 'FROM dim_date' AS t /* JOIN dim_date */ FROM `proj.ds.dim_date`", Translator.Translate(sql));
    }

    [Fact]
    public void Translate_DoubledQuoteInALiteral_BecomesABackslashEscape()
    {
        Assert.Equal("SELECT 'it\\'s'", Translator.Translate("SELECT 'it''s'"));
    }

    [Fact]
    public void Translate_UnterminatedLiteral_ThrowsWithTheOffset()
    {
        var error = Assert.Throws<FormatException>(() => Translator.Translate("SELECT 'open"));

        Assert.Contains("offset 7", error.Message, StringComparison.Ordinal);
    }
}
