using StockLakehouse.Core.Lake;

namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>The object-store contract on a local directory: the reference the GCS store is held to.</summary>
public sealed class LocalDirectoryObjectStoreContractTests : ObjectStoreContractTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"stocklakehouse-contract-{Guid.NewGuid():N}");
    private readonly LocalDirectoryObjectStore _store;

    public LocalDirectoryObjectStoreContractTests()
    {
        _store = new LocalDirectoryObjectStore(_root);
    }

    protected override IObjectStore Store => _store;

    protected override void Dispose(bool disposing)
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
