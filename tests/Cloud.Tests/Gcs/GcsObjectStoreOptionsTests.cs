using Google.Cloud.Storage.V1;
using StockLakehouse.Cloud.Gcs;

namespace StockLakehouse.Cloud.Tests.Gcs;

public sealed class GcsObjectStoreOptionsTests
{
    private static readonly GcsObjectStoreOptions Defaults = new(new GcsLocation("my-lake"));

    [Fact]
    public void Defaults_AreValidWithTheLibrarysBackoff()
    {
        Defaults.Validate();

        Assert.Equal(8 * 1024 * 1024, Defaults.UploadChunkSize);
        Assert.Same(RetryTiming.Default, Defaults.RetryTiming);
        Assert.Equal(1000, Defaults.ListPageSize);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100_000)]
    [InlineData(262_144 + 1)]
    public void Validate_ChunkSizeNotAMultipleOf256KiB_Throws(int chunkSize) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => (Defaults with { UploadChunkSize = chunkSize }).Validate());

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Validate_PageSizeOutsideWhatGcsServes_Throws(int pageSize) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => (Defaults with { ListPageSize = pageSize }).Validate());

    [Fact]
    public void Store_RejectsInvalidOptionsAtConstruction()
    {
        var client = GcsClients.Unauthenticated(FakeGcsServer.Endpoint);

        Assert.Throws<ArgumentOutOfRangeException>(() => new GcsObjectStore(Defaults with { UploadChunkSize = 1000 }, client, Serilog.Core.Logger.None));
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:9199/")]
    [InlineData("relative/")]
    public void Unauthenticated_EndpointNotAnHttpUri_Throws(string endpoint) =>
        Assert.Throws<ArgumentException>(() => GcsClients.Unauthenticated(new Uri(endpoint, UriKind.RelativeOrAbsolute)));
}
