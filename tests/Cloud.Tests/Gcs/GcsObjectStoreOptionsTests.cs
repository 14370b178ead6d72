using StockLakehouse.Cloud.Auth;
using StockLakehouse.Cloud.Gcs;

namespace StockLakehouse.Cloud.Tests.Gcs;

public sealed class GcsObjectStoreOptionsTests
{
    private static readonly GcsObjectStoreOptions Defaults = new(new GcsLocation("my-lake"));

    [Fact]
    public void Defaults_AreValidAndPointAtGoogle()
    {
        Defaults.Validate();

        Assert.Equal("https://storage.googleapis.com/", Defaults.Endpoint.AbsoluteUri);
        Assert.Equal(8 * 1024 * 1024, Defaults.ResumableThreshold);
        Assert.Equal(0, Defaults.ResumableChunkSize % GcsObjectStoreOptions.ChunkGranularity);
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(300 * 1024)]
    [InlineData(0)]
    public void Validate_ChunkSizeNotAMultipleOf256KiB_Throws(int chunkSize) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => (Defaults with { ResumableChunkSize = chunkSize }).Validate());

    [Fact]
    public void Validate_ThresholdAboveTheChunkSize_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => (Defaults with { ResumableThreshold = (16L * 1024 * 1024) + 1, ResumableChunkSize = 16 * 1024 * 1024 }).Validate());

    [Theory]
    [InlineData("http://127.0.0.1:9199/gcs")]
    [InlineData("ftp://127.0.0.1:9199/")]
    [InlineData("http://127.0.0.1:9199/?x=1")]
    public void Validate_EndpointNotAnHttpRootEndingInSlash_Throws(string endpoint) =>
        Assert.Throws<ArgumentException>(() => (Defaults with { Endpoint = new Uri(endpoint) }).Validate());

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Validate_PageSizeOutsideWhatGcsServes_Throws(int pageSize) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => (Defaults with { ListPageSize = pageSize }).Validate());

    [Fact]
    public void Store_RejectsInvalidOptionsAtConstruction()
    {
        using var http = new HttpClient();

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new GcsObjectStore(Defaults with { ResumableChunkSize = 1000 }, http, FixedAccessTokenSource.EmulatorOwner, Serilog.Core.Logger.None));
    }
}
