using System.Text.Json.Nodes;
using StockLakehouse.Core.Schemas;

namespace StockLakehouse.Cloud.Tests.BigQuery;

public sealed class BigQueryTableResourceTests
{
    private static readonly BigQueryDataset Dataset = new("proj", "ds");

    [Fact]
    public void For_FactTable_PartitionsByMonthOfTradeDateAndClustersAsDeclared()
    {
        var resource = BigQueryTableResource.For(Catalogs.Table("fact_stock_price"), Dataset);

        Assert.Equal("MONTH", resource["timePartitioning"]!["type"]!.GetValue<string>());
        Assert.Equal("trade_date", resource["timePartitioning"]!["field"]!.GetValue<string>());
        Assert.Equal(["symbol", "company_key"], resource["clustering"]!["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("fact_stock_price", resource["tableReference"]!["tableId"]!.GetValue<string>());
        Assert.Equal("Daily prices, one row per (symbol, trade_date).", resource["description"]!.GetValue<string>());
    }

    [Fact]
    public void For_Table_CarriesEveryFieldWithModeAndDescription()
    {
        var table = Catalogs.Table("fact_stock_price");

        var fields = BigQueryTableResource.For(table, Dataset)["schema"]!["fields"]!.AsArray();

        Assert.Equal(table.Fields.Count, fields.Count);
        var returns = fields.Single(f => f!["name"]!.GetValue<string>() == "return_1d")!;
        Assert.Equal("FLOAT64", returns["type"]!.GetValue<string>());
        Assert.Equal("NULLABLE", returns["mode"]!.GetValue<string>());
        Assert.Equal(table.Field("return_1d").Description, returns["description"]!.GetValue<string>());
        Assert.Equal("REQUIRED", fields[0]!["mode"]!.GetValue<string>());
    }

    [Fact]
    public void For_Dimension_HasNoTimePartitioning()
    {
        var resource = BigQueryTableResource.For(Catalogs.Table("dim_date"), Dataset);

        Assert.Null(resource["timePartitioning"]);
        Assert.Null(resource["clustering"]);
    }

    [Fact]
    public void For_FiveClusteringColumns_ThrowsNamingTheLimit()
    {
        var table = Catalogs.Table("fact_stock_price") with { Clustering = ["symbol", "company_key", "exchange_key", "date_key", "trade_date"] };

        var error = Assert.Throws<InvalidDataException>(() => BigQueryTableResource.For(table, Dataset));

        Assert.Contains("at most 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_PartitioningByAStringColumn_Throws()
    {
        var table = Catalogs.Table("fact_stock_price") with { Partitioning = new Partitioning("symbol", "MONTH") };

        var error = Assert.Throws<InvalidDataException>(() => BigQueryTableResource.For(table, Dataset));

        Assert.Contains("'symbol' of type STRING", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fields_Staging_AreAllNullable()
    {
        var fields = BigQuerySchemaJson.Fields(Catalogs.Table("fact_stock_price"), staging: true);

        Assert.All(fields, f => Assert.Equal("NULLABLE", f!["mode"]!.GetValue<string>()));
        Assert.IsType<JsonArray>(fields);
    }
}
