using System.Text;
using StockLakehouse.Cloud.Gcs;
using StockLakehouse.Core.Lake;

namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>Opening a lake by location: local folders, gs:// in the emulator named by STORAGE_EMULATOR_HOST.</summary>
[Collection(GcsEmulatorCollection.Name)]
public sealed class LakeStoresTests
{
    private readonly GcsEmulatorFixture _emulator;

    public LakeStoresTests(GcsEmulatorFixture emulator)
    {
        _emulator = emulator;
    }

    [Theory]
    [InlineData("gs://bucket", true)]
    [InlineData("gs://bucket/lake", true)]
    [InlineData("/tmp/lake", false)]
    [InlineData("file:///tmp/lake", false)]
    public void IsGcs_tells_cloud_storage_from_a_folder(string location, bool expected) =>
        Assert.Equal(expected, LakeStores.IsGcs(location));

    [Fact]
    public void A_file_uri_opens_its_local_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"stocklakehouse-lake-{Guid.NewGuid():N}");

        var store = LakeStores.Open(new Uri(folder).AbsoluteUri, Serilog.Core.Logger.None);

        Assert.IsType<LocalDirectoryObjectStore>(store);
        Assert.Equal(Path.Combine(folder, "raw", "a.json"), store.LocalPath("raw/a.json"));
    }

    [Fact]
    public async Task A_gs_location_goes_to_the_emulator_named_by_storage_emulator_host()
    {
        var prefix = $"lake-{Guid.NewGuid():N}";
        var before = Environment.GetEnvironmentVariable(LakeStores.EmulatorVariable);
        Environment.SetEnvironmentVariable(LakeStores.EmulatorVariable, _emulator.Endpoint.Authority);
        IObjectStore store;
        try
        {
            store = LakeStores.Open($"gs://stocklakehouse-test/{prefix}", Serilog.Core.Logger.None);
        }
        finally
        {
            Environment.SetEnvironmentVariable(LakeStores.EmulatorVariable, before);
        }

        Assert.IsType<GcsObjectStore>(store);
        Assert.True(await store.CreateAsync("raw/a.json", Encoding.UTF8.GetBytes("{}"), default));
        Assert.Equal("{}", Encoding.UTF8.GetString((await store.ReadAsync("raw/a.json", default))!));
        var listed = new List<string>();
        await foreach (var info in store.ListAsync("raw/", default))
        {
            listed.Add(info.Key);
        }

        Assert.Equal(["raw/a.json"], listed);
    }
}
