namespace StockLakehouse.Core.Tests.Schemas;

public sealed class SchemaCatalogTests
{
    [Fact]
    public void LoadDefault_DeclaresTheStarSchemaAndSilver()
    {
        var catalog = SchemaCatalog.LoadDefault();

        Assert.Equal(
            ["dim_company", "dim_date", "dim_exchange", "fact_stock_price", "fact_technical_indicator", "daily_bar"],
            catalog.Tables.Select(t => t.Name));
        Assert.Equal(["symbol", "trade_date"], catalog["fact_stock_price"].Key);
        Assert.Equal(new Partitioning("trade_date", "MONTH"), catalog["fact_stock_price"].Partitioning);
    }

    [Fact]
    public void Verify_BatchWithAColumnMissing_NamesBothColumnLists()
    {
        var table = SchemaCatalog.LoadDefault()["dim_exchange"];
        var batch = new RecordBatch([new Int64Column("exchange_key", [1]), new StringColumn("mic", ["XNYS"])]);

        var error = Assert.Throws<SchemaMismatchException>(() => table.Verify(batch));

        Assert.Contains("[exchange_key, mic]", error.Message, StringComparison.Ordinal);
        Assert.Contains("timezone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ColumnOfTheWrongType_IsReported()
    {
        var table = SchemaCatalog.LoadDefault()["dim_exchange"];
        var batch = new RecordBatch(
        [
            new StringColumn("exchange_key", ["1"]),
            new StringColumn("mic", ["XNYS"]),
            new StringColumn("name", ["n"]),
            new StringColumn("timezone", ["t"]),
            new StringColumn("country", ["US"]),
            new StringColumn("currency", ["USD"]),
        ]);

        var error = Assert.Throws<SchemaMismatchException>(() => table.Verify(batch));

        Assert.Contains("'exchange_key' is String but schemas/ declares INT64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_NullInARequiredColumn_IsReported()
    {
        var table = SchemaCatalog.LoadDefault()["dim_exchange"];
        var batch = new RecordBatch(
        [
            new Int64Column("exchange_key", [1]),
            new StringColumn("mic", [null]),
            new StringColumn("name", ["n"]),
            new StringColumn("timezone", ["t"]),
            new StringColumn("country", ["US"]),
            new StringColumn("currency", ["USD"]),
        ]);

        Assert.Contains("REQUIRED column 'mic' is NULL", Assert.Throws<SchemaMismatchException>(() => table.Verify(batch)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_NullInARequiredPrimitiveColumn_NamesItsFirstRow()
    {
        var table = SchemaCatalog.LoadDefault()["dim_exchange"];
        var batch = new RecordBatch(
        [
            new Int64Column("exchange_key", [1, 2, 3], [true, false, false]),
            new StringColumn("mic", ["XNYS", "XNAS", "XASE"]),
            new StringColumn("name", ["n", "n", "n"]),
            new StringColumn("timezone", ["t", "t", "t"]),
            new StringColumn("country", ["US", "US", "US"]),
            new StringColumn("currency", ["USD", "USD", "USD"]),
        ]);

        Assert.Contains("REQUIRED column 'exchange_key' is NULL at row 1", Assert.Throws<SchemaMismatchException>(() => table.Verify(batch)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_RequiredColumnsWithAValidityMaskOfOnlyValidRows_Pass()
    {
        var table = SchemaCatalog.LoadDefault()["dim_exchange"];
        var batch = new RecordBatch(
        [
            new Int64Column("exchange_key", [1, 2], [true, true]),
            new StringColumn("mic", ["XNYS", "XNAS"]),
            new StringColumn("name", ["n", "n"]),
            new StringColumn("timezone", ["t", "t"]),
            new StringColumn("country", ["US", "US"]),
            new StringColumn("currency", ["USD", "USD"]),
        ]);

        table.Verify(batch);
    }

    [Fact]
    public void Load_CheckReferringToAnUndeclaredColumn_FailsWithTheFileName()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "t.schema.json"), """[{"name":"a","type":"INT64","mode":"REQUIRED"}]""");
        File.WriteAllText(Path.Combine(folder.Path, "t.table.json"), """{"table":"t","layer":"gold","key":["a"],"checks":[{"name":"c","kind":"unique","columns":["b"]}]}""");

        var error = Assert.Throws<InvalidDataException>(() => SchemaCatalog.Load(folder.Path));

        Assert.Contains("t.table.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownBigQueryType_FailsClearly()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "t.schema.json"), """[{"name":"a","type":"GEOGRAPHY","mode":"REQUIRED"}]""");
        File.WriteAllText(Path.Combine(folder.Path, "t.table.json"), """{"table":"t","layer":"gold","key":["a"]}""");

        Assert.Contains("GEOGRAPHY", Assert.Throws<InvalidDataException>(() => SchemaCatalog.Load(folder.Path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SchemaFiles_EveryFieldHasADescription()
    {
        foreach (var table in SchemaCatalog.LoadDefault().Tables)
        {
            Assert.All(table.Fields, f => Assert.False(string.IsNullOrWhiteSpace(f.Description), $"{table.Name}.{f.Name} has no description"));
        }
    }
}
