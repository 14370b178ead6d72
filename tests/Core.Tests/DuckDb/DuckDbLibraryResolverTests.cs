using StockLakehouse.Core.DuckDb;

namespace StockLakehouse.Core.Tests.DuckDb;

public sealed class DuckDbLibraryResolverTests
{
    [Fact]
    public void Load_NothingLoads_ThrowsDllNotFoundMentioningMakeDuckdbAndEveryCandidate()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-dir", "libduckdb.so");
        var emptyDirectory = Path.Combine(Path.GetTempPath(), "no-such-base-dir");

        var error = Assert.Throws<DllNotFoundException>(() => DuckDbLibraryResolver.Load(missing, emptyDirectory, () => IntPtr.Zero));

        Assert.Contains("make duckdb", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains(emptyDirectory, error.Message, StringComparison.Ordinal);
        Assert.Contains("DUCKDB_LIBRARY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ConfiguredPathMissing_FallsBackToLibraryBesideAssembly()
    {
        var probed = false;

        var handle = DuckDbLibraryResolver.Load("/no/such/libduckdb.so", AppContext.BaseDirectory, () =>
        {
            probed = true;
            return IntPtr.Zero;
        });

        Assert.NotEqual(IntPtr.Zero, handle);
        Assert.False(probed);
    }

    [Fact]
    public void Load_ConfiguredPathValid_UsesIt()
    {
        var path = Path.Combine(AppContext.BaseDirectory, DuckDbLibraryResolver.PlatformFileName);

        var handle = DuckDbLibraryResolver.Load(path, "/no/such/dir", () => IntPtr.Zero);

        Assert.NotEqual(IntPtr.Zero, handle);
    }
}
