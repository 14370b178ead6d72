namespace StockLakehouse.Core.Tests.Support;

/// <summary>Reads the real-format payloads under data/fixtures (copied next to the test assembly).</summary>
internal static class Fixtures
{
    public static byte[] Bytes(string relativePath) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", relativePath));
}
