namespace StockLakehouse.Cloud.Tests.BigQuery;

public sealed class BigQueryLoadJobTests
{
    private static readonly BigQueryDataset Dataset = new("proj", "ds");

    [Fact]
    public void Configuration_PartitionedTable_LoadsEveryPartitionFileIntoTruncatedStaging()
    {
        var load = BigQueryLoadJob.Configuration(Catalogs.Table("fact_stock_price"), Dataset, "lake-bucket", "run1")["load"]!;

        Assert.Equal(["gs://lake-bucket/gold/fact_stock_price/*.parquet"], load["sourceUris"]!.AsArray().Select(u => u!.GetValue<string>()));
        Assert.Equal("PARQUET", load["sourceFormat"]!.GetValue<string>());
        Assert.Equal("WRITE_TRUNCATE", load["writeDisposition"]!.GetValue<string>());
        Assert.Equal("CREATE_IF_NEEDED", load["createDisposition"]!.GetValue<string>());
        Assert.Equal("fact_stock_price_staging_run1", load["destinationTable"]!["tableId"]!.GetValue<string>());
        Assert.Equal("ds", load["destinationTable"]!["datasetId"]!.GetValue<string>());
        Assert.Equal("proj", load["destinationTable"]!["projectId"]!.GetValue<string>());
    }

    [Fact]
    public void Configuration_SingleFileTable_LoadsItsOneFile()
    {
        Assert.Equal("gs://lake-bucket/gold/dim_company/part-0.parquet", BigQueryLoadJob.SourceUri(Catalogs.Table("dim_company"), "lake-bucket"));
    }

    [Fact]
    public void Configuration_FilesCarryTheirPartitionColumn_SoNoHivePartitioningIsDeclared()
    {
        // BigQuery rejects Hive keys that are also columns of the files, and lake files carry `symbol`.
        var table = Catalogs.Table("fact_stock_price");
        Assert.Contains(table.Fields, f => f.Name == table.LakePartition);

        var load = BigQueryLoadJob.Configuration(table, Dataset, "lake-bucket", "run1")["load"]!.AsObject();

        Assert.False(load.ContainsKey("hivePartitioningOptions"));
    }

    [Fact]
    public void Configuration_StagingSchema_IsTheTablesColumnsAllNullable()
    {
        var table = Catalogs.Table("fact_stock_price");

        var fields = BigQueryLoadJob.Configuration(table, Dataset, "b", "run1")["load"]!["schema"]!["fields"]!.AsArray();

        Assert.Equal(table.Fields.Select(f => f.Name), fields.Select(f => f!["name"]!.GetValue<string>()));
        Assert.All(fields, f => Assert.Equal("NULLABLE", f!["mode"]!.GetValue<string>()));
    }
}
