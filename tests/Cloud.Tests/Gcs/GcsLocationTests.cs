using StockLakehouse.Cloud.Gcs;

namespace StockLakehouse.Cloud.Tests.Gcs;

public sealed class GcsLocationTests
{
    [Theory]
    [InlineData("gs://my-lake", "my-lake", "", "gs://my-lake")]
    [InlineData("gs://my-lake/", "my-lake", "", "gs://my-lake")]
    [InlineData("gs://my-lake/env/prod/", "my-lake", "env/prod", "gs://my-lake/env/prod")]
    [InlineData("gs://lake.example.com/a", "lake.example.com", "a", "gs://lake.example.com/a")]
    public void Parse_SplitsBucketAndPrefix(string uri, string bucket, string prefix, string canonical)
    {
        var location = GcsLocation.Parse(uri);

        Assert.Equal(bucket, location.Bucket);
        Assert.Equal(prefix, location.Prefix);
        Assert.Equal(canonical, location.ToString());
    }

    [Fact]
    public void ObjectName_JoinsPrefixAndKeyWithOneSlash()
    {
        Assert.Equal("raw/a.json", new GcsLocation("my-lake").ObjectName("raw/a.json"));
        Assert.Equal("env/prod/raw/a.json", new GcsLocation("my-lake", "/env/prod/").ObjectName("raw/a.json"));
        Assert.Equal("env/prod/", new GcsLocation("my-lake", "env/prod").NamePrefix);
        Assert.Equal("", new GcsLocation("my-lake").NamePrefix);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("My-Lake")]
    [InlineData("-lake")]
    [InlineData("lake-")]
    [InlineData("lake/x")]
    [InlineData("lake bucket")]
    [InlineData("a..b")]
    public void Constructor_RejectsInvalidBucketNames(string bucket) =>
        Assert.Throws<ArgumentException>(() => new GcsLocation(bucket));

    [Fact]
    public void Constructor_RejectsBucketNamesLongerThan63WithoutDots()
    {
        Assert.Throws<ArgumentException>(() => new GcsLocation(new string('a', 64)));
        Assert.Equal(63, new GcsLocation(new string('a', 63)).Bucket.Length);
    }

    [Theory]
    [InlineData("a//b")]
    [InlineData("a/../b")]
    [InlineData("./a")]
    public void Constructor_RejectsRelativeOrEmptyPrefixSegments(string prefix) =>
        Assert.Throws<ArgumentException>(() => new GcsLocation("my-lake", prefix));

    [Theory]
    [InlineData("s3://bucket")]
    [InlineData("/local/folder")]
    [InlineData("GS://bucket")]
    public void Parse_RejectsOtherSchemes(string uri) => Assert.Throws<FormatException>(() => GcsLocation.Parse(uri));
}
