namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>The test classes that share one emulator process; each test works under its own object prefix.</summary>
[CollectionDefinition(Name)]
public sealed class GcsEmulatorCollection : ICollectionFixture<GcsEmulatorFixture>
{
    public const string Name = "GCS emulator";
}
