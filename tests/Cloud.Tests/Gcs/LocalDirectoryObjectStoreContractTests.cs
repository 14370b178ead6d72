using StockLakehouse.Core.Lake;

namespace StockLakehouse.Cloud.Tests.Gcs;

/// <summary>The object-store contract on a local directory: the reference the GCS store is held to.</summary>
public sealed class LocalDirectoryObjectStoreContractTests : ObjectStoreContractTests
{
    private readonly TempFolder _root = new();
    private readonly LocalDirectoryObjectStore _store;

    public LocalDirectoryObjectStoreContractTests()
    {
        _store = new LocalDirectoryObjectStore(_root.Path);
    }

    protected override IObjectStore Store => _store;

    protected override void Dispose(bool disposing) => _root.Dispose();
}
