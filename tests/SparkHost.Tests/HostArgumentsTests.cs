namespace StockLakehouse.SparkHost.Tests;

public sealed class HostArgumentsTests
{
    [Fact]
    public void Parse_DataprocArguments_AreTheRun()
    {
        var run = HostArguments.Parse(["gold", "--lake", "gs://bucket/", "--date", "2025-12-31", "--run-id", "daily-20251231"]);

        Assert.Equal(new HostArguments("gold", "gs://bucket", new DateOnly(2025, 12, 31), "daily-20251231"), run);
    }

    [Theory]
    [InlineData("bronze", "--lake", "out/lake", "--date", "2025-12-31", "--run-id", "r", "silver or gold")]
    [InlineData("silver", "--lake", "out/lake", "--date", "31/12/2025", "--run-id", "r", "'31/12/2025'")]
    [InlineData("silver", "--lake", "out/lake", "--date", "2025-12-31", "--run", "r", "--run-id is required")]
    [InlineData("silver", "--lake", "out/lake", "--date", "2025-12-31", "--run-id", "", "--run-id is required")]
    public void Parse_BadArguments_ThrowsSayingWhich(string job, string lakeOption, string lake, string dateOption, string date, string runOption, string runId, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => HostArguments.Parse([job, lakeOption, lake, dateOption, date, runOption, runId]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OptionWithoutValue_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => HostArguments.Parse(["silver", "--lake", "out/lake", "--date"]));

        Assert.Contains("'--date'", error.Message, StringComparison.Ordinal);
    }
}
