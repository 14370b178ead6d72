using StockLakehouse.Core.Lake;
using StockLakehouse.SparkHost.Tests.Support;

namespace StockLakehouse.SparkHost.Tests;

public sealed class LakeFilesTests
{
    [Theory]
    [InlineData("gs://bucket/raw/source=yahoo/dataset=chart/ingest_date=2025-01-10/AAPL-r1.json")]
    [InlineData("file:/tmp/lake/raw/source=yahoo/dataset=chart/ingest_date=2025-01-10/AAPL-r1.json")]
    [InlineData("file:/tmp/raw/lake/raw/source=yahoo/dataset=chart/ingest_date=2025-01-10/AAPL-r1.json")]
    public void Read_SparkPaths_AreLakeKeysWithTheirBytes(string sparkPath)
    {
        byte[] content = [1, 2, 3];

        var files = LakeFiles.Read(BinaryFileRows.Group("AAPL", [(sparkPath, content)]), LakeLayout.RawRoot + "/");

        var (key, bytes) = Assert.Single(files);
        Assert.Equal("raw/source=yahoo/dataset=chart/ingest_date=2025-01-10/AAPL-r1.json", key);
        Assert.Equal(content, bytes);
    }

    [Fact]
    public void Read_PathOutsideTheRoot_ThrowsNamingIt()
    {
        const string path = "gs://bucket/silver/daily_bar/symbol=AAPL/part-0.parquet";

        var error = Assert.Throws<ArgumentException>(() => LakeFiles.Read(BinaryFileRows.Group("AAPL", [(path, [])]), LakeLayout.RawRoot + "/"));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
